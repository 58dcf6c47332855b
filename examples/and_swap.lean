-- The example README runs: `./lean3-assist suggest examples/and_swap.lean:8:2`
-- asks for tactics at line 8, column 2 (Lean's numbering: lines from 1, columns from 0),
-- where the goal is `q ∧ p` with `h : p ∧ q` in context.

theorem and_swap (p q : Prop) : p ∧ q → q ∧ p :=
begin
  intro h,
  cases h with hp hq,
  exact ⟨hq, hp⟩
end

theorem or_swap (p q : Prop) : p ∨ q → q ∨ p :=
begin
  intro h,
  cases h with hp hq,
  { right, exact hp },
  { left, exact hq }
end

theorem add_zero_example (n : ℕ) : n + 0 = n :=
begin
  refl
end
