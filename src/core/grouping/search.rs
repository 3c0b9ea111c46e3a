//! The search for a schedule: a design where one fits, completed and
//! otherwise started greedily (each group filled with whoever adds the least
//! cost: people who have not met first, after Triska and Musliu), then a
//! tabu search that swaps two people of different groups in one round, the
//! best move among those that touch a conflict (after Dotú and Van
//! Hentenryck), back to the best with a shake when it stalls, and from a new
//! greedy start when that stalls too. All within a step budget, so that the
//! seed alone decides the result. A step is one pair weighed.

use std::collections::HashMap;

use super::{Budget, Ended, FORBIDDEN, Problem, Progress, Round, construct, repeat_cost};
use crate::core::seeded::Seeded;

/// Moves without a better schedule before the search goes back to its best, shaken.
const STABLE: usize = 400;
/// Shakes without a better schedule before the search starts afresh.
const RESTART: usize = 25;
/// Steps between two questions to the caller whether to go on.
const CHECK: u64 = 1 << 16;

/// Counts the steps against the budget and asks the caller now and then.
struct Meter<'a> {
    used: u64,
    budget: u64,
    next_check: u64,
    go_on: &'a mut dyn FnMut(Progress) -> bool,
    stopped: Option<Ended>,
}

impl Meter<'_> {
    /// Spends `steps`; `false` once the budget is used up or the caller said stop.
    fn spend(&mut self, steps: u64) -> bool {
        if self.stopped.is_some() {
            return false;
        }
        self.used = self.used.saturating_add(steps);
        if self.used >= self.budget {
            self.stopped = Some(Ended::Steps);
            return false;
        }
        if self.used >= self.next_check {
            self.next_check = self.used.saturating_add(CHECK);
            if !(self.go_on)(Progress { steps: self.used, budget: self.budget }) {
                self.stopped = Some(Ended::Cap);
                return false;
            }
        }
        true
    }
}

/// The best schedule of `rounds` rounds the budget allows, and what ended the search.
pub(super) fn solve(
    problem: &Problem,
    rounds: usize,
    seed: u64,
    budget: Budget,
    go_on: &mut dyn FnMut(Progress) -> bool,
) -> (Vec<Round>, Ended) {
    let mut seeded = Seeded::new(seed);
    let mut meter = Meter { used: 0, budget: budget.steps, next_check: CHECK, go_on, stopped: None };
    let cost_bound = problem.cost_bound(rounds);
    let counted_bound = (problem.repeat_bound(rounds), problem.organisation_bound(rounds));
    let proven = |schedule: &[Round], cost: i64| {
        cost < FORBIDDEN && (cost <= cost_bound || problem.counts(schedule) == counted_bound)
    };
    let designed = construct::constructed(problem, rounds, &mut seeded).unwrap_or_default();
    let start = greedy(problem, designed, rounds, &mut seeded, &mut meter);
    let cost = problem.cost(&start);
    let mut best = (start.clone(), cost);
    let movable = (0..problem.n).filter(|p| !problem.is_host(*p)).count();
    if proven(&start, cost) || problem.sizes.len() < 2 || movable < 2 {
        // At the bound, or nobody can change places: nothing better exists.
        return (start, Ended::Bound);
    }
    let mut search = Search::new(problem, start);
    loop {
        if let Some(ended) = search.run(&mut seeded, &mut meter, &mut best, &proven) {
            return (best.0, ended);
        }
        let fresh = greedy(problem, Vec::new(), rounds, &mut seeded, &mut meter);
        search = Search::new(problem, fresh);
    }
}

/// The greedy rounds alone, from no design (the simple approach, for comparison).
pub(super) fn greedily(problem: &Problem, rounds: usize, seed: u64) -> Vec<Round> {
    let mut seeded = Seeded::new(seed);
    let mut go_on = |_| true;
    let mut meter =
        Meter { used: 0, budget: u64::MAX, next_check: u64::MAX, go_on: &mut go_on, stopped: None };
    greedy(problem, Vec::new(), rounds, &mut seeded, &mut meter)
}

/// Completes `schedule` to `rounds` rounds, round by round, table by table:
/// the host first, then each place to whoever costs least with those
/// already there (ties in a seeded order).
fn greedy(
    problem: &Problem,
    mut schedule: Vec<Round>,
    rounds: usize,
    seeded: &mut Seeded,
    meter: &mut Meter,
) -> Vec<Round> {
    let n = problem.n;
    let mut met = problem.history.clone();
    let meet = |met: &mut Vec<u32>, round: &Round| {
        for group in round {
            for (i, &a) in group.iter().enumerate() {
                for &b in &group[i + 1..] {
                    met[a * n + b] += 1;
                    met[b * n + a] += 1;
                }
            }
        }
    };
    for round in &schedule {
        meet(&mut met, round);
    }
    while schedule.len() < rounds {
        let mut free: Vec<usize> = (0..n).filter(|p| !problem.is_host(*p)).collect();
        seeded.shuffle(&mut free);
        let mut round: Round = (0..problem.sizes.len())
            .map(|table| problem.hosts.get(table).map_or_else(Vec::new, |&host| vec![host]))
            .collect();
        for (group, &size) in round.iter_mut().zip(&problem.sizes) {
            while group.len() < size {
                let mut chosen = 0;
                let mut chosen_cost = i64::MAX;
                for (i, &person) in free.iter().enumerate() {
                    let cost: i64 = group
                        .iter()
                        .map(|&m| repeat_cost(met[person * n + m]) + problem.pair_weight(person * n + m))
                        .sum();
                    if cost < chosen_cost {
                        chosen = i;
                        chosen_cost = cost;
                        if cost == 0 {
                            break;
                        }
                    }
                }
                // The start is always completed; the budget only shortens the search after it.
                meter.spend(u64::try_from(free.len() * group.len().max(1)).unwrap_or(u64::MAX));
                group.push(free.remove(chosen));
            }
        }
        meet(&mut met, &round);
        schedule.push(round);
    }
    schedule
}

/// The tabu search's working state.
struct Search<'a> {
    problem: &'a Problem,
    rounds: Vec<Round>,
    /// Per round, per person: their group.
    group_of: Vec<Vec<usize>>,
    /// Meetings per pair: the history plus this schedule.
    met: Vec<u32>,
    cost: i64,
    /// The best schedule of this start, where a shake goes back to.
    best: Vec<Round>,
    best_cost: i64,
    /// Per swap (round, two people): the iteration until which it is tabu.
    tabu: HashMap<(usize, usize, usize), u64>,
}

impl<'a> Search<'a> {
    fn new(problem: &'a Problem, rounds: Vec<Round>) -> Search<'a> {
        let mut search = Search {
            problem,
            group_of: Vec::new(),
            met: Vec::new(),
            cost: 0,
            best: rounds.clone(),
            best_cost: 0,
            tabu: HashMap::new(),
            rounds,
        };
        search.recount();
        search.best_cost = search.cost;
        search
    }

    /// Rebuilds the derived counts and the cost from the rounds.
    fn recount(&mut self) {
        let n = self.problem.n;
        self.met.clone_from(&self.problem.history);
        self.group_of = vec![vec![0; n]; self.rounds.len()];
        self.cost = 0;
        for (r, round) in self.rounds.iter().enumerate() {
            for (g, group) in round.iter().enumerate() {
                for (i, &a) in group.iter().enumerate() {
                    self.group_of[r][a] = g;
                    for &b in &group[i + 1..] {
                        let pair = a * n + b;
                        self.cost += repeat_cost(self.met[pair]) + self.problem.pair_weight(pair);
                        self.met[pair] += 1;
                        self.met[b * n + a] += 1;
                    }
                }
            }
        }
    }

    /// Whether `person` shares a group in round `r` with someone at a cost.
    fn in_conflict(&self, r: usize, person: usize) -> bool {
        let n = self.problem.n;
        let group = &self.rounds[r][self.group_of[r][person]];
        group.iter().any(|&other| {
            let pair = person * n + other;
            other != person && (self.met[pair] > 1 || self.problem.pair_weight(pair) > 0)
        })
    }

    /// The change of cost when `a` and `b` trade places in round `r`.
    fn swap_delta(&self, r: usize, a: usize, b: usize) -> i64 {
        let n = self.problem.n;
        let (ga, gb) = (&self.rounds[r][self.group_of[r][a]], &self.rounds[r][self.group_of[r][b]]);
        let mut delta = 0;
        for &x in ga.iter().filter(|&&x| x != a) {
            delta -= repeat_cost(self.met[a * n + x] - 1) + self.problem.pair_weight(a * n + x);
            delta += repeat_cost(self.met[b * n + x]) + self.problem.pair_weight(b * n + x);
        }
        for &y in gb.iter().filter(|&&y| y != b) {
            delta -= repeat_cost(self.met[b * n + y] - 1) + self.problem.pair_weight(b * n + y);
            delta += repeat_cost(self.met[a * n + y]) + self.problem.pair_weight(a * n + y);
        }
        delta
    }

    fn swap(&mut self, r: usize, a: usize, b: usize) {
        let n = self.problem.n;
        let (ga, gb) = (self.group_of[r][a], self.group_of[r][b]);
        for &x in &self.rounds[r][ga] {
            if x != a {
                self.met[a * n + x] -= 1;
                self.met[x * n + a] -= 1;
                self.met[b * n + x] += 1;
                self.met[x * n + b] += 1;
            }
        }
        for &y in &self.rounds[r][gb] {
            if y != b {
                self.met[b * n + y] -= 1;
                self.met[y * n + b] -= 1;
                self.met[a * n + y] += 1;
                self.met[y * n + a] += 1;
            }
        }
        for member in self.rounds[r][ga].iter_mut() {
            if *member == a {
                *member = b;
            }
        }
        for member in self.rounds[r][gb].iter_mut() {
            if *member == b {
                *member = a;
            }
        }
        self.group_of[r][a] = gb;
        self.group_of[r][b] = ga;
    }

    /// Searches from this start until the bound (`proven`), the end of the
    /// budget (`Some` of what ended it) or a stall (`None`: start afresh).
    /// `overall` holds the best schedule of all starts and its cost.
    fn run(
        &mut self,
        seeded: &mut Seeded,
        meter: &mut Meter,
        overall: &mut (Vec<Round>, i64),
        proven: &dyn Fn(&[Round], i64) -> bool,
    ) -> Option<Ended> {
        let n = self.problem.n;
        let movable: Vec<usize> = (0..n).filter(|p| !self.problem.is_host(*p)).collect();
        let (mut stable, mut shaken) = (0, 0);
        let mut iteration: u64 = 0;
        loop {
            iteration += 1;
            let mut chosen: Option<(usize, usize, usize)> = None;
            let mut chosen_delta = i64::MAX;
            let mut ties = 0;
            let mut steps: u64 = 1;
            for r in 0..self.rounds.len() {
                for &a in &movable {
                    let size_a = self.rounds[r][self.group_of[r][a]].len();
                    steps += size_a as u64;
                    if !self.in_conflict(r, a) {
                        continue;
                    }
                    for &b in &movable {
                        if self.group_of[r][a] == self.group_of[r][b] {
                            continue;
                        }
                        steps += (size_a + self.rounds[r][self.group_of[r][b]].len()) as u64;
                        let delta = self.swap_delta(r, a, b);
                        if delta > chosen_delta {
                            continue;
                        }
                        let tabu =
                            self.tabu.get(&(r, a.min(b), a.max(b))).is_some_and(|&until| until > iteration);
                        if tabu && self.cost + delta >= self.best_cost {
                            continue;
                        }
                        if delta < chosen_delta {
                            chosen = Some((r, a, b));
                            chosen_delta = delta;
                            ties = 1;
                        } else {
                            ties += 1;
                            if seeded.below(ties) == 0 {
                                chosen = Some((r, a, b));
                            }
                        }
                    }
                }
            }
            if !meter.spend(steps) {
                return meter.stopped;
            }
            let Some((r, a, b)) = chosen else {
                self.shake(seeded, meter);
                continue;
            };
            self.swap(r, a, b);
            self.cost += chosen_delta;
            let tenure = iteration + 4 + u64::try_from(seeded.below(n.max(10))).unwrap_or(0);
            self.tabu.insert((r, a.min(b), a.max(b)), tenure);
            if self.tabu.len() > 4 * n * self.rounds.len() + 1024 {
                self.tabu.retain(|_, until| *until > iteration);
            }
            if self.cost < self.best_cost {
                self.best_cost = self.cost;
                self.best.clone_from(&self.rounds);
                (stable, shaken) = (0, 0);
                if self.cost < overall.1 {
                    *overall = (self.rounds.clone(), self.cost);
                    if proven(&overall.0, overall.1) {
                        return Some(Ended::Bound);
                    }
                }
            } else {
                stable += 1;
                if stable >= STABLE {
                    stable = 0;
                    shaken += 1;
                    if shaken > RESTART {
                        return None;
                    }
                    self.shake(seeded, meter);
                }
            }
        }
    }

    /// Back to this start's best schedule, shaken by a few random swaps.
    fn shake(&mut self, seeded: &mut Seeded, meter: &mut Meter) {
        self.rounds.clone_from(&self.best);
        let movable: Vec<usize> = (0..self.problem.n).filter(|p| !self.problem.is_host(*p)).collect();
        self.recount();
        for _ in 0..movable.len() / 2 + 1 {
            let r = seeded.below(self.rounds.len());
            let a = movable[seeded.below(movable.len())];
            let b = movable[seeded.below(movable.len())];
            if self.group_of[r][a] != self.group_of[r][b] {
                self.swap(r, a, b);
            }
        }
        self.recount();
        self.tabu.clear();
        meter.spend(u64::try_from(2 * self.rounds.len() * self.problem.n).unwrap_or(u64::MAX));
    }
}
