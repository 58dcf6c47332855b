-- Exercises for `./lean3-assist prove`: each proof is `sorry` for the search to replace.

theorem add_zero_all : ∀ n : ℕ, n + 0 = n :=
begin
  sorry
end

theorem and_swap' (p q : Prop) (h : p ∧ q) : q ∧ p :=
begin
  sorry
end

-- No single tactic of the portfolio closes these; the search finds two and three steps.
theorem two_substs (a b : ℕ) (h₁ : a = b) (h₂ : b = 3) : a + 0 = 3 :=
begin
  sorry
end

theorem never_zero (f : ℕ → ℕ) (h : ∀ x, f x = x + 1) : ∀ y, f y ≠ 0 :=
begin
  sorry
end
