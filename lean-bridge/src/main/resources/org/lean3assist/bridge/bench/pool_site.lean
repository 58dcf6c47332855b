-- pool_site.lean: one proof with one replay site, for the checker-pool benchmark (core Lean 3 only;
-- the benchmark puts a mathlib import above it for its mathlib run)

theorem pool_site (a b c : ℕ) (h : a = b) : a + c = c + b :=
begin
  rw h,
  rw nat.add_comm
end
