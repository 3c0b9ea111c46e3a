//! Schedules from designs, where mathematics knows one without a repeat: the
//! circle method for pairs, and the affine plane AG(2, q) over the finite
//! field of order q (a prime power): q² points, q + 1 rounds (its parallel
//! classes) of q groups of q in which every pair meets exactly once. Taking a
//! line's points away gives groups of q and q − 1 (q groups of q − 1 with the
//! whole line gone): 20 people in fours over 5 rounds, 23 in fives, and so on.

use super::{Problem, Round, repeat_cost};
use crate::core::seeded::Seeded;

/// The finite field GF(p^e): elements are 0..q, read as the base-p digits of
/// a polynomial's coefficients; multiplication is modulo an irreducible polynomial.
#[derive(Debug, Clone)]
pub struct Field {
    q: usize,
    add: Vec<usize>,
    mul: Vec<usize>,
}

/// Irreducible polynomials for the prime powers that are not primes, as their
/// coefficients of x⁰, x¹, … below the leading x^e (monic).
const IRREDUCIBLE: [(usize, usize, &[usize]); 5] = [
    (2, 2, &[1, 1]),       // x² + x + 1
    (2, 3, &[1, 1, 0]),    // x³ + x + 1
    (2, 4, &[1, 1, 0, 0]), // x⁴ + x + 1
    (3, 2, &[1, 0]),       // x² + 1
    (5, 2, &[2, 0]),       // x² + 2
];

/// The primes up to 23 (the largest q with q² ≤ 500 is 22).
const PRIMES: [usize; 9] = [2, 3, 5, 7, 11, 13, 17, 19, 23];

impl Field {
    /// The field with `q` elements, when moderato knows one: every prime up
    /// to 23 and 4, 8, 9, 16, 25.
    pub fn new(q: usize) -> Option<Field> {
        if PRIMES.contains(&q) {
            return Some(Field::from_tables(q, |a, b| (a + b) % q, |a, b| (a * b) % q));
        }
        let &(p, e, low) =
            IRREDUCIBLE.iter().find(|(p, e, _)| u32::try_from(*e).is_ok_and(|e| p.pow(e) == q))?;
        let digits = |x: usize| {
            let mut rest = x;
            (0..e)
                .map(|_| {
                    let digit = rest % p;
                    rest /= p;
                    digit
                })
                .collect::<Vec<_>>()
        };
        let number = |d: &[usize]| d.iter().rev().fold(0, |acc, &digit| acc * p + digit);
        let add = |a: usize, b: usize| {
            let sum: Vec<usize> = digits(a).iter().zip(digits(b)).map(|(x, y)| (x + y) % p).collect();
            number(&sum)
        };
        let mul = |a: usize, b: usize| {
            let (da, db) = (digits(a), digits(b));
            let mut product = vec![0; 2 * e];
            for (i, x) in da.iter().enumerate() {
                for (j, y) in db.iter().enumerate() {
                    product[i + j] = (product[i + j] + x * y) % p;
                }
            }
            // x^e = −(low): reduce from the top degree down.
            for degree in (e..2 * e).rev() {
                let top = product[degree];
                product[degree] = 0;
                for (i, c) in low.iter().enumerate() {
                    product[degree - e + i] = (product[degree - e + i] + (p - c % p) * top) % p;
                }
            }
            number(&product[..e])
        };
        Some(Field::from_tables(q, add, mul))
    }

    fn from_tables(
        q: usize,
        add: impl Fn(usize, usize) -> usize,
        mul: impl Fn(usize, usize) -> usize,
    ) -> Field {
        let table = |op: &dyn Fn(usize, usize) -> usize| (0..q * q).map(|i| op(i / q, i % q)).collect();
        Field { q, add: table(&add), mul: table(&mul) }
    }

    pub fn order(&self) -> usize {
        self.q
    }

    pub fn add(&self, a: usize, b: usize) -> usize {
        self.add[a * self.q + b]
    }

    pub fn mul(&self, a: usize, b: usize) -> usize {
        self.mul[a * self.q + b]
    }
}

/// The affine plane AG(2, q): its q + 1 parallel classes, each q lines of q
/// points; the point (x, y) is numbered x·q + y. The last class is the
/// vertical lines x = c; the others the lines y = m·x + b, one class per slope m.
pub fn affine_plane(field: &Field) -> Vec<Round> {
    let q = field.order();
    let mut classes: Vec<Round> = (0..q)
        .map(|m| (0..q).map(|b| (0..q).map(|x| x * q + field.add(field.mul(m, x), b)).collect()).collect())
        .collect();
    classes.push((0..q).map(|c| (0..q).map(|y| c * q + y).collect()).collect());
    classes
}

/// The circle method: n − 1 rounds of pairs for an even n, each a different
/// perfect matching, so that every pair meets exactly once.
fn circle(n: usize, rounds: usize) -> Vec<Round> {
    let m = n - 1;
    (0..rounds)
        .map(|r| {
            let mut groups = vec![vec![m, r]];
            groups.extend((1..n / 2).map(|i| vec![(r + i) % m, (r + m - i) % m]));
            groups
        })
        .collect()
}

/// A nearly Kirkman triple system on 18 points: 8 rounds of 6 trios in
/// which every pair meets at most once (only the 9 pairs of a point with its
/// twin never meet). Two copies of AG(2, 3): a trio is a line of the plane
/// with each point taken from one copy, chosen by a pattern of three bits.
/// Rounds 1–4 take the lines of two parallel classes, the first class with
/// the four patterns of even weight, the second with their complements (odd
/// weight), so that each point appears once per round; each line, over its
/// four patterns, joins every cross pair of its points once. Rounds 5–8 do
/// the same with the two other classes. The bit of a point is read by which
/// line of a third class it lies on, which every line of the two meets once.
/// Point p of the plane is 2·p in the first copy and 2·p + 1 in the second.
fn doubled_plane() -> Option<Vec<Round>> {
    let classes = affine_plane(&Field::new(3)?);
    let even: [[usize; 3]; 4] = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]];
    let mut rounds = Vec::new();
    for (first, second, reader) in [(0, 1, 2), (2, 3, 0)] {
        let mut bit_of = [0; 9];
        for (index, line) in classes[reader].iter().enumerate() {
            for &point in line {
                bit_of[point] = index;
            }
        }
        for pattern in even {
            let mut round: Round = Vec::new();
            for (class, flip) in [(first, 0), (second, 1)] {
                for line in &classes[class] {
                    round.push(
                        line.iter().map(|&point| 2 * point + (pattern[bit_of[point]] ^ flip)).collect(),
                    );
                }
            }
            rounds.push(round);
        }
    }
    Some(rounds)
}

/// The rounds of a design on `points` points without the points `gone`,
/// the others numbered 0.. in their order.
fn without(design: Vec<Round>, points: usize, gone: &[usize]) -> Vec<Round> {
    let mut number = vec![None; points];
    let mut next = 0;
    for (point, slot) in number.iter_mut().enumerate() {
        if !gone.contains(&point) {
            *slot = Some(next);
            next += 1;
        }
    }
    design
        .into_iter()
        .map(|round| {
            round
                .into_iter()
                .map(|group| group.into_iter().filter_map(|point| number[point]).collect())
                .collect()
        })
        .collect()
}

/// Repeat-free rounds on the points 0..n from a design whose group sizes are
/// those asked, or `None` where moderato knows none; with points for the
/// hosts that never meet. Fewer rounds than asked when the design has fewer:
/// the search adds the rest.
fn design(n: usize, sizes: &[usize], rounds: usize, hosts: usize) -> Option<(Vec<Round>, Vec<usize>)> {
    let size = *sizes.first()?;
    if sizes.iter().all(|&s| s == 2) && n.is_multiple_of(2) && hosts == 0 {
        return Some((circle(n, rounds.min(n - 1)), Vec::new()));
    }
    if (16..=18).contains(&n) && size == 3 && hosts == 0 {
        // Without a point and its twin, which never meet: groups of 3 and 2.
        let twins = [0, 1];
        return Some((
            without(doubled_plane()?, 18, &twins[..18 - n]).into_iter().take(rounds).collect(),
            Vec::new(),
        ));
    }
    // q groups of q, or of q and q − 1: the plane without d points of one line.
    let q = if sizes.iter().all(|&s| s == size) && sizes.len() == size + 1 { size + 1 } else { size };
    let field = Field::new(q)?;
    let deleted = (q * q).checked_sub(n)?;
    if deleted > q || sizes.len() != q || hosts > q {
        return None;
    }
    let mut classes = affine_plane(&field);
    // The deleted points and the hosts lie on lines of the last class, so
    // that class is not a round when either is there.
    let vertical = classes.pop()?;
    if deleted == 0 && hosts == 0 {
        classes.push(vertical.clone());
    }
    let gone = &vertical[0][..deleted];
    // With a line's points gone the hosts are on the next line.
    let host_line = &vertical[usize::from(deleted > 0)];
    let taken: Vec<Round> = classes.into_iter().take(rounds).collect();
    let host_points = host_line
        .iter()
        .take(hosts)
        .map(|&point| point - gone.iter().filter(|&&g| g < point).count())
        .collect();
    Some((without(taken, q * q, gone), host_points))
}

/// Rounds without a repeat among themselves for `problem`'s people, from a
/// design mapped onto them (the hosts on points that never meet, each at
/// their table; the others in a seeded order, the best of a few orders for
/// the history and the organisations), with the group sizes in the pattern's
/// order. `None` when no design fits.
pub(super) fn constructed(problem: &Problem, rounds: usize, seeded: &mut Seeded) -> Option<Vec<Round>> {
    let n = problem.n;
    let (design, host_points) = design(n, &problem.sizes, rounds, problem.hosts.len())?;
    let others: Vec<usize> = (0..n).filter(|p| !problem.is_host(*p)).collect();
    let free_points: Vec<usize> = (0..n).filter(|p| !host_points.contains(p)).collect();
    let mut best: Option<(i64, Vec<Round>)> = None;
    for _ in 0..LABELINGS {
        let mut order = others.clone();
        seeded.shuffle(&mut order);
        let mut person = vec![0; n];
        for (&point, &host) in host_points.iter().zip(&problem.hosts) {
            person[point] = host;
        }
        for (&point, &someone) in free_points.iter().zip(&order) {
            person[point] = someone;
        }
        improve(problem, &design, &host_points, &mut person);
        let mapped: Option<Vec<Round>> = design
            .iter()
            .map(|round| {
                problem.arrange(round.iter().map(|g| g.iter().map(|&p| person[p]).collect()).collect())
            })
            .collect();
        let mapped = mapped?;
        let cost = problem.cost(&mapped);
        if best.as_ref().is_none_or(|(best_cost, _)| cost < *best_cost) {
            best = Some((cost, mapped));
        }
        if cost == 0 {
            break;
        }
    }
    best.map(|(_, rounds)| rounds)
}

/// Trades the people of two points (in every round at once) while that
/// lowers the cost of the pairs the design lets meet: those who met before,
/// must not meet or share an organisation go where the design keeps them
/// apart (the rounds it has beyond those asked). Hosts keep their points.
fn improve(problem: &Problem, design: &[Round], fixed: &[usize], person: &mut [usize]) {
    let n = problem.n;
    let mut meets = vec![false; n * n];
    for group in design.iter().flatten() {
        for &a in group {
            for &b in group {
                meets[a * n + b] = a != b;
            }
        }
    }
    let weight =
        |a: usize, b: usize| repeat_cost(problem.history[a * n + b]) + problem.pair_weight(a * n + b);
    let movable: Vec<usize> = (0..n).filter(|point| !fixed.contains(point)).collect();
    let mut work: usize = 0;
    let mut improved = true;
    while improved && work < IMPROVE_WORK {
        improved = false;
        for &i in &movable {
            let costly = (0..n).any(|k| meets[i * n + k] && weight(person[i], person[k]) > 0);
            if !costly {
                continue;
            }
            let mut best = (0, i);
            for &j in &movable {
                if j == i {
                    continue;
                }
                let (pi, pj) = (person[i], person[j]);
                let mut delta = 0;
                for k in (0..n).filter(|&k| k != i && k != j) {
                    let pk = person[k];
                    if meets[i * n + k] {
                        delta += weight(pj, pk) - weight(pi, pk);
                    }
                    if meets[j * n + k] {
                        delta += weight(pi, pk) - weight(pj, pk);
                    }
                }
                work += n;
                if delta < best.0 {
                    best = (delta, j);
                }
            }
            if best.0 < 0 {
                person.swap(i, best.1);
                improved = true;
            }
        }
    }
}

/// The most pair weighings [`improve`] does.
const IMPROVE_WORK: usize = 20_000_000;

/// How many ways of mapping the people onto a design's points are tried.
const LABELINGS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of the plane's points meets exactly once over its q + 1
    /// rounds, and each round splits the points into q lines of q.
    fn check_plane(q: usize) {
        let Some(field) = Field::new(q) else { panic!("GF({q}) is known") };
        let plane = affine_plane(&field);
        assert_eq!(plane.len(), q + 1);
        let mut met = vec![0; q * q * q * q];
        for class in &plane {
            let mut points: Vec<usize> = class.iter().flatten().copied().collect();
            points.sort_unstable();
            assert_eq!(points, (0..q * q).collect::<Vec<_>>(), "GF({q}): a round is a partition");
            assert!(class.iter().all(|line| line.len() == q));
            for line in class {
                for (i, &a) in line.iter().enumerate() {
                    for &b in &line[i + 1..] {
                        met[a * q * q + b] += 1;
                        met[b * q * q + a] += 1;
                    }
                }
            }
        }
        for a in 0..q * q {
            for b in 0..q * q {
                if a != b {
                    assert_eq!(met[a * q * q + b], 1, "GF({q}): points {a} and {b}");
                }
            }
        }
    }

    #[test]
    fn affine_planes_of_every_prime_power_up_to_nine_meet_every_pair_once() {
        for q in [2, 3, 4, 5, 7, 8, 9] {
            check_plane(q);
        }
    }

    #[test]
    fn the_fields_are_fields() {
        for q in [2, 3, 4, 5, 7, 8, 9, 11, 16, 25] {
            let Some(f) = Field::new(q) else { panic!("GF({q}) is known") };
            for a in 0..q {
                assert_eq!(f.add(a, 0), a);
                assert_eq!(f.mul(a, 1), a);
                assert_eq!((0..q).filter(|&b| f.add(a, b) == 0).count(), 1, "GF({q}): −{a}");
                if a != 0 {
                    assert_eq!((0..q).filter(|&b| f.mul(a, b) == 1).count(), 1, "GF({q}): 1/{a}");
                }
                for b in 0..q {
                    for c in 0..q {
                        assert_eq!(f.mul(a, f.add(b, c)), f.add(f.mul(a, b), f.mul(a, c)), "GF({q})");
                    }
                }
            }
        }
        assert!(Field::new(6).is_none());
        assert!(Field::new(10).is_none());
    }

    #[test]
    fn the_doubled_plane_is_a_nearly_kirkman_triple_system() {
        let Some(rounds) = doubled_plane() else { panic!("GF(3) is known") };
        assert_eq!(rounds.len(), 8);
        let mut met = std::collections::BTreeSet::new();
        for round in &rounds {
            let mut points: Vec<usize> = round.iter().flatten().copied().collect();
            points.sort_unstable();
            assert_eq!(points, (0..18).collect::<Vec<_>>(), "a round is a partition");
            assert!(round.iter().all(|group| group.len() == 3));
            for group in round {
                for (i, &a) in group.iter().enumerate() {
                    for &b in &group[i + 1..] {
                        assert!(met.insert((a.min(b), a.max(b))), "{a} and {b} meet twice");
                    }
                }
            }
        }
        // Every pair but a point and its twin.
        assert_eq!(met.len(), 18 * 17 / 2 - 9);
        assert!((0..9).all(|p| !met.contains(&(2 * p, 2 * p + 1))));
    }

    #[test]
    fn the_circle_method_meets_every_pair_once() {
        let n = 12;
        let rounds = circle(n, n - 1);
        let mut met = std::collections::BTreeSet::new();
        for round in &rounds {
            let mut points: Vec<usize> = round.iter().flatten().copied().collect();
            points.sort_unstable();
            assert_eq!(points, (0..n).collect::<Vec<_>>());
            for pair in round {
                assert!(met.insert((pair[0].min(pair[1]), pair[0].max(pair[1]))));
            }
        }
        assert_eq!(met.len(), n * (n - 1) / 2);
    }
}
