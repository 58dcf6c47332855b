-- The project's own file for the verdict checks: goals an attacker would like to see closed,
-- honest proofs, a one-line declaration, an example and a file that declares its own axiom.
theorem bad : false :=
begin
  trivial
end

theorem two_plus_two : 2 + 2 = 5 :=
begin
  refl
end

example (p : Prop) (hp : p) : p :=
begin
  exact hp
end

theorem one_liner (p q : Prop) (hp : p) (hq : q) : p ∧ q := begin split, exact hp, exact hq end

axiom user_axiom : ∀ n : ℕ, n + 0 = n

theorem uses_user_axiom (n : ℕ) : n + 0 = n :=
begin
  exact user_axiom n
end

example : false :=
begin
  trivial
end

meta def prover_helper : tactic unit := tactic.triv

theorem after_meta : true :=
begin
  trivial
end
