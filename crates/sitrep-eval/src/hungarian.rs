//! Maximum-weight assignment (Kuhn–Munkres with potentials), step for step as
//! `score.py`'s `hungarian_max`, so that ties are broken the same way.

/// Maximum-weight one-to-one assignment on a rectangular matrix `w` (rows × cols,
/// entries ≥ 0). Returns the `(row, col)` pairs of positive weight, by column.
pub fn hungarian_max(w: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let n = w.len();
    let m = if n > 0 { w[0].len() } else { 0 };
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let size = n.max(m);
    let big = w
        .iter()
        .flat_map(|r| r.iter().copied())
        .fold(f64::NEG_INFINITY, f64::max)
        + 1.0;
    let cost: Vec<Vec<f64>> = (0..size)
        .map(|i| {
            (0..size)
                .map(|j| if i < n && j < m { big - w[i][j] } else { big })
                .collect()
        })
        .collect();
    let inf = f64::INFINITY;
    let mut u = vec![0.0f64; size + 1];
    let mut v = vec![0.0f64; size + 1];
    let mut p = vec![0usize; size + 1];
    let mut way = vec![0usize; size + 1];
    for i in 1..=size {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![inf; size + 1];
        let mut used = vec![false; size + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0usize;
            for j in 1..=size {
                if !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=size {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out = Vec::new();
    for (j, &i) in p.iter().enumerate().skip(1) {
        if i != 0 && i - 1 < n && j - 1 < m && w[i - 1][j - 1] > 0.0 {
            out.push((i - 1, j - 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(w: &[Vec<f64>], pairs: &[(usize, usize)]) -> f64 {
        pairs.iter().map(|&(i, j)| w[i][j]).sum()
    }

    /// Brute force over all injective assignments of rows to columns.
    fn best(w: &[Vec<f64>]) -> f64 {
        fn go(w: &[Vec<f64>], i: usize, used: &mut Vec<bool>) -> f64 {
            if i == w.len() {
                return 0.0;
            }
            let mut b = go(w, i + 1, used); // row i unassigned
            for j in 0..w[0].len() {
                if !used[j] {
                    used[j] = true;
                    b = b.max(w[i][j] + go(w, i + 1, used));
                    used[j] = false;
                }
            }
            b
        }
        go(w, 0, &mut vec![false; w[0].len()])
    }

    #[test]
    fn finds_the_maximum_on_small_matrices() {
        let cases = vec![
            vec![vec![1.0, 3.0], vec![3.0, 1.0]],
            vec![vec![2.0, 0.0, 0.0], vec![2.5, 2.0, 0.0]],
            vec![vec![1.0], vec![4.0], vec![2.0]],
            vec![vec![0.0, 0.0], vec![0.0, 0.0]],
            vec![
                vec![5.0, 1.0, 0.0, 2.0],
                vec![4.0, 4.0, 1.0, 0.0],
                vec![0.0, 3.5, 3.0, 1.0],
            ],
        ];
        for w in cases {
            let pairs = hungarian_max(&w);
            assert!(
                (total(&w, &pairs) - best(&w)).abs() < 1e-9,
                "{w:?} -> {pairs:?}"
            );
            let mut rows: Vec<usize> = pairs.iter().map(|p| p.0).collect();
            rows.dedup();
            assert_eq!(rows.len(), pairs.len(), "one-to-one");
            assert!(pairs.iter().all(|&(i, j)| w[i][j] > 0.0));
        }
    }

    #[test]
    fn pseudo_random_matrices_match_brute_force() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        for _ in 0..200 {
            let n = 1 + (next() * 5.0) as usize;
            let m = 1 + (next() * 5.0) as usize;
            let w: Vec<Vec<f64>> = (0..n)
                .map(|_| {
                    (0..m)
                        .map(|_| {
                            if next() < 0.3 {
                                0.0
                            } else {
                                (next() * 4.0).floor() + 1.0
                            }
                        })
                        .collect()
                })
                .collect();
            let pairs = hungarian_max(&w);
            assert!((total(&w, &pairs) - best(&w)).abs() < 1e-9, "{w:?}");
        }
    }

    #[test]
    fn empty_matrix() {
        assert!(hungarian_max(&[]).is_empty());
        assert!(hungarian_max(&[vec![]]).is_empty());
    }
}
