-- Exercises for `./lean3-assist prove`: each proof is `sorry` for the search to replace.

theorem add_zero_all : ∀ n : ℕ, n + 0 = n :=
begin
  sorry
end

theorem and_swap' (p q : Prop) (h : p ∧ q) : q ∧ p :=
begin
  sorry
end
