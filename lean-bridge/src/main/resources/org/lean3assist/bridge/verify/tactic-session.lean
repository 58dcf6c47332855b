-- lean3assist: a tactic session, written by Lean 3 Assist (TacticSession) after the file's imports.
-- It runs in place of the proof at the search's site, keeps the tactic states it reaches as values,
-- and answers one JSON request per line on stdin, on one line of stdout that starts with MARKER.
namespace lean3assist_session
open tactic

meta def marker : string := "MARKER"

meta def read_request : tactic string :=
unsafe_run_io (do h ← io.stdin, b ← io.fs.get_line h, pure b.to_string)

meta def emit (j : json) : tactic unit :=
unsafe_run_io (do h ← io.stdout, io.fs.put_str h (marker ++ " " ++ j.unparse ++ "\n"), io.fs.flush h)

meta def lookup (k : string) : list (string × json) → option json
| [] := none
| ((k', v) :: rest) := if k = k' then some v else lookup rest

meta def field (k : string) : json → option json
| (json.object kvs) := lookup k kvs
| _ := none

meta def strings : json → list string
| (json.array xs) := xs.foldr (λ x acc, match x with | json.of_string s := s :: acc | _ := acc end) []
| _ := []

/-- A name sent as the list of its components (`["nat", "succ"]`). -/
meta def to_name (j : json) : name :=
(strings j).foldl (λ n s, name.mk_string s n) name.anonymous

meta def names_of : option json → list name
| (some (json.array xs)) := xs.map to_name
| _ := []

meta structure request :=
(state : ℕ) (tactic : string) (ms : ℕ) (heartbeats : ℕ) (names : list name)

meta def parse_request (j : json) : option request :=
match field "state" j, field "tactic" j, field "ms" j, field "heartbeats" j with
| some (json.of_int i), some (json.of_string t), some (json.of_int ms), some (json.of_int hb) :=
  some ⟨i.nat_abs, t, ms.nat_abs, hb.nat_abs, names_of (field "names" j)⟩
| _, _, _, _ := none
end

/-- The asked names that are meta code here, by the rule of the verifier's meta-name question. -/
meta def meta_names (env : environment) (opened : list name) (names : list name) : list name :=
names.filter (λ n, (name.anonymous :: opened).any (λ p,
  match env.get (p ++ n) with | exceptional.success d := bnot d.is_trusted | _ := ff end))

meta def has_sorry (e : expr) : bool :=
e.fold ff (λ e _ found, found || e.is_sorry.is_some)

/-- The text as one interactive tactic block; any text after the block's end is refused. -/
meta def parse_tactic (s : string) : tactic (tactic unit) :=
do (r, rest) ← lean.parser.run (lean.parser.with_input lean.parser.itactic_reflected ("{ " ++ s ++ " }")),
   if rest.to_list.all (λ c, c.is_whitespace) then eval_expr (tactic unit) r.expr
   else fail "text after the tactic"

meta def show_state : tactic string := do s ← tactic.read, f ← pp s, pure (to_string f)

meta def error_text (msg : option (unit → format)) : string :=
match msg with | some f := to_string (f ()) | none := "the tactic failed" end

meta def run_step (root : list expr) (st : tactic_state) (r : request) : tactic (ℕ × string) :=
do tactic.write st,
   t ← parse_tactic r.tactic,
   tactic.try_for r.heartbeats (tactic.try_for_time r.ms t),
   proofs ← root.mmap instantiate_mvars,
   when (proofs.any has_sorry) (fail "the step uses sorry"),
   gs ← get_goals,
   s ← show_state,
   pure (gs.length, s)

meta def loop (root : list expr) (env : environment) (opened : list name) :
  native.rb_map ℕ tactic_state → ℕ → tactic unit
| states next :=
do line ← read_request,
   if line.to_list.all (λ c, c.is_whitespace) then skip else
   match json.parse line >>= parse_request with
   | none := emit (json.object [("error", json.of_string "not a request")]) >> loop states next
   | some r :=
     match states.find r.state with
     | none := emit (json.object [("error", json.of_string "no such state")]) >> loop states next
     | some st :=
       match meta_names env opened r.names with
       | [] := do
         result ← tactic.capture (run_step root st r),
         match result with
         | interaction_monad.result.success (n, s) after :=
           emit (json.object [("state", json.of_int next), ("goals", json.of_int n), ("pp", json.of_string s)])
             >> loop (states.insert next after) (next + 1)
         | interaction_monad.result.exception msg _ _ :=
           emit (json.object [("error", json.of_string (error_text msg))]) >> loop states next
         end
       | found := emit (json.object [("meta", json.array (found.map (λ n, json.of_string n.to_string)))]) >> loop states next
       end
     end
   end

meta def run : tactic unit :=
do root ← get_goals,
   st ← tactic.read,
   env ← get_env,
   opened ← open_namespaces,
   s ← show_state,
   emit (json.object [("state", json.of_int 0), ("goals", json.of_int root.length), ("pp", json.of_string s)]),
   loop root env opened ((native.rb_map.mk ℕ tactic_state).insert 0 st) 1,
   tactic.write st,
   all_goals admit >> skip

end lean3assist_session
