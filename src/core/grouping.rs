//! The group generator for exchange rounds and networking: pure, seeded and
//! deterministic. It forms all rounds of a block together (a tabu search over
//! the whole schedule, as for the social golfer problem), so that later
//! rounds are not left with nothing but repeats by greedy early ones.
//!
//! The cost of a schedule, in this order of importance: `never_together`
//! pairs in one group (never proposed: a schedule with one is refused), pairs
//! that meet again, weighted by how often they have met already (a pair
//! meeting for the third time costs more than two pairs meeting for the
//! second), then two people of the same organisation in one group.

use std::collections::BTreeMap;

use super::contacts::Contacts;
use super::seeded::Seeded;

/// What to form groups for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Who takes part, by id (the people present).
    pub people: Vec<String>,
    /// The group size k: groups have k or k−1 members (k+1 with `allow_larger`).
    pub size: usize,
    pub rounds: usize,
    /// Groups of k+1 instead of k−1 where the numbers do not divide.
    pub allow_larger: bool,
    /// Each person's organisation, to spread them over the groups.
    pub organisations: BTreeMap<String, String>,
    /// Pairs that must never share a group.
    pub never_together: Vec<(String, String)>,
    /// Table hosts: the i-th stays at table i in every round (table rotation).
    pub hosts: Vec<String>,
    pub seed: u64,
}

/// Groups for every round, with how good they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Round by round, group by group (the table number is the place + 1), member ids.
    pub rounds: Vec<Vec<Vec<String>>>,
    pub quality: Quality,
}

/// How many pairs meet again and how many meet for the first time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Quality {
    /// Per round: pairs in one group that had met before (in the history or an earlier round).
    pub repeated: Vec<usize>,
    /// Per round: pairs that meet for the first time.
    pub new: Vec<usize>,
    /// Per round: pairs of the same organisation in one group.
    pub same_organisation: Vec<usize>,
}

impl Quality {
    pub fn repeated_pairs(&self) -> usize {
        self.repeated.iter().sum()
    }

    pub fn new_pairs(&self) -> usize {
        self.new.iter().sum()
    }
}

/// Why no groups can be formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupingError {
    /// A group needs at least two people.
    SizeTooSmall,
    /// The people cannot be split into groups of the size asked (and one less, or more).
    TooFewPeople { people: usize, size: usize },
    /// Someone named is not among the people.
    Unknown(String),
    /// More hosts than groups.
    TooManyHosts,
    /// The `never_together` pairs cannot all be kept apart.
    NeverTogether,
    /// No round, or more than [`MAX_ROUNDS`].
    Rounds,
}

/// The most rounds one grouping plans: a cohort of fifteen meets everyone
/// in fourteen rounds of pairs; far more only costs memory and time.
pub const MAX_ROUNDS: usize = 50;

/// The group sizes of every round, largest first, or `None` when the people
/// cannot form groups of `size` and `size − 1` (or `size + 1` when allowed),
/// none below two. An odd number of people in pairs has one trio.
pub fn size_pattern(people: usize, size: usize, allow_larger: bool) -> Option<Vec<usize>> {
    if size < 2 || people < 2 {
        return None;
    }
    let larger = |groups: usize, extra: usize| {
        let mut sizes = vec![size + 1; extra];
        sizes.extend(vec![size; groups - extra]);
        sizes
    };
    let groups = people / size;
    let rest = people % size;
    if rest == 0 {
        return Some(vec![size; groups]);
    }
    if allow_larger && groups >= 1 && rest <= groups {
        return Some(larger(groups, rest));
    }
    if size == 2 {
        // Pairs with one left over: one trio, never a group of one.
        return (groups >= 1).then(|| larger(groups, 1));
    }
    let groups = people.div_ceil(size);
    let smaller = groups * size - people;
    (smaller <= groups).then(|| {
        let mut sizes = vec![size; groups - smaller];
        sizes.extend(vec![size - 1; smaller]);
        sizes
    })
}

/// Weight of one meeting of a pair that has already met.
const REPEAT: i64 = 10_000;
/// Weight of two people of one organisation in one group.
const SAME_ORGANISATION: i64 = 1;
/// Weight of a `never_together` pair in one group: larger than everything else.
const FORBIDDEN: i64 = 1_000_000_000_000;
/// Moves tried before the search gives up improving a schedule with repeats.
const ITERATIONS: usize = 200_000;
/// Moves without a better schedule before the search restarts from its best, perturbed.
const STABLE: usize = 400;
/// Moves without a better schedule before the search settles for its best.
const GIVE_UP: usize = 50 * STABLE;

/// The cost of a pair meeting when it has met `before` times already.
fn repeat_cost(before: u32) -> i64 {
    let before = i64::from(before);
    REPEAT * before * before
}

/// Forms groups for every round of `request`, given who has met whom.
pub fn form(request: &Request, contacts: &Contacts) -> Result<Schedule, GroupingError> {
    if request.size < 2 {
        return Err(GroupingError::SizeTooSmall);
    }
    if !(1..=MAX_ROUNDS).contains(&request.rounds) {
        return Err(GroupingError::Rounds);
    }
    let n = request.people.len();
    let sizes = size_pattern(n, request.size, request.allow_larger)
        .ok_or(GroupingError::TooFewPeople { people: n, size: request.size })?;
    let index = |id: &str| {
        request
            .people
            .iter()
            .position(|person| person == id)
            .ok_or_else(|| GroupingError::Unknown(id.to_string()))
    };
    let mut hosts = Vec::new();
    for host in &request.hosts {
        hosts.push(index(host)?);
    }
    if hosts.len() > sizes.len() {
        return Err(GroupingError::TooManyHosts);
    }
    let mut problem = Problem::new(n, sizes);
    for (a, b) in &request.never_together {
        let (a, b) = (index(a)?, index(b)?);
        problem.set_forbidden(a, b);
    }
    let mut organisation_ids: BTreeMap<&str, usize> = BTreeMap::new();
    let organisations: Vec<Option<usize>> = request
        .people
        .iter()
        .map(|id| {
            let org = request.organisations.get(id).filter(|org| !org.trim().is_empty())?;
            let next = organisation_ids.len();
            Some(*organisation_ids.entry(org.as_str()).or_insert(next))
        })
        .collect();
    for a in 0..n {
        for b in a + 1..n {
            let same = organisations[a].is_some() && organisations[a] == organisations[b];
            let met =
                u32::try_from(contacts.count(&request.people[a], &request.people[b])).unwrap_or(u32::MAX);
            problem.set_pair(a, b, met, same);
        }
    }
    problem.hosts = hosts;
    let rounds = problem.search(request.rounds, request.seed);
    let quality = problem.quality(&rounds);
    if problem.has_forbidden(&rounds) {
        return Err(GroupingError::NeverTogether);
    }
    let named = rounds
        .iter()
        .map(|groups| {
            groups.iter().map(|group| group.iter().map(|&p| request.people[p].clone()).collect()).collect()
        })
        .collect();
    Ok(Schedule { rounds: named, quality })
}

/// The quality of given groups (recorded or edited ones), as [`form`] reports it.
pub fn assess(
    rounds: &[Vec<Vec<String>>],
    contacts: &Contacts,
    organisations: &BTreeMap<String, String>,
) -> Quality {
    let mut contacts = contacts.clone();
    let mut quality = Quality::default();
    for groups in rounds {
        let (mut repeated, mut new, mut same) = (0, 0, 0);
        for group in groups {
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    if contacts.count(a, b) > 0 {
                        repeated += 1;
                    } else {
                        new += 1;
                    }
                    if organisations
                        .get(a)
                        .is_some_and(|org| !org.trim().is_empty() && organisations.get(b) == Some(org))
                    {
                        same += 1;
                    }
                }
            }
        }
        for group in groups {
            contacts.add_group(group, super::contacts::Meeting::planned());
        }
        quality.repeated.push(repeated);
        quality.new.push(new);
        quality.same_organisation.push(same);
    }
    quality
}

/// The search's view: people as indices, pair facts in flat matrices.
struct Problem {
    n: usize,
    sizes: Vec<usize>,
    /// Meetings before this schedule, per pair.
    history: Vec<u32>,
    same_organisation: Vec<bool>,
    forbidden: Vec<bool>,
    hosts: Vec<usize>,
}

/// One round: the members of each group.
type Round = Vec<Vec<usize>>;

impl Problem {
    fn new(n: usize, sizes: Vec<usize>) -> Problem {
        Problem {
            n,
            sizes,
            history: vec![0; n * n],
            same_organisation: vec![false; n * n],
            forbidden: vec![false; n * n],
            hosts: Vec::new(),
        }
    }

    fn set_pair(&mut self, a: usize, b: usize, met: u32, same: bool) {
        for (x, y) in [(a, b), (b, a)] {
            self.history[x * self.n + y] = met;
            self.same_organisation[x * self.n + y] = same;
        }
    }

    fn set_forbidden(&mut self, a: usize, b: usize) {
        self.forbidden[a * self.n + b] = true;
        self.forbidden[b * self.n + a] = true;
    }

    fn is_host(&self, person: usize) -> bool {
        self.hosts.contains(&person)
    }

    /// The fixed cost of a pair sharing a group, besides repeats.
    fn pair_weight(&self, pair: usize) -> i64 {
        let mut weight = 0;
        if self.same_organisation[pair] {
            weight += SAME_ORGANISATION;
        }
        if self.forbidden[pair] {
            weight += FORBIDDEN;
        }
        weight
    }

    /// A random round with the hosts at their tables.
    fn random_round(&self, seeded: &mut Seeded) -> Round {
        let mut others: Vec<usize> = (0..self.n).filter(|p| !self.is_host(*p)).collect();
        seeded.shuffle(&mut others);
        let mut rest = others.into_iter();
        self.sizes
            .iter()
            .enumerate()
            .map(|(table, &size)| {
                let mut group = Vec::with_capacity(size);
                if let Some(&host) = self.hosts.get(table) {
                    group.push(host);
                }
                group.extend(rest.by_ref().take(size - group.len()));
                group
            })
            .collect()
    }

    /// A start without repeats where a construction is known: the circle
    /// method for pairs (each round a different perfect matching).
    fn constructed(&self, rounds: usize, seeded: &mut Seeded) -> Option<Vec<Round>> {
        let n = self.n;
        if !self.hosts.is_empty() || self.sizes.iter().any(|&size| size != 2) || rounds > n - 1 {
            return None;
        }
        let mut label: Vec<usize> = (0..n).collect();
        seeded.shuffle(&mut label);
        let m = n - 1;
        Some(
            (0..rounds)
                .map(|r| {
                    let mut groups = vec![vec![label[m], label[r]]];
                    groups.extend((1..n / 2).map(|i| vec![label[(r + i) % m], label[(r + m - i) % m]]));
                    groups
                })
                .collect(),
        )
    }

    fn search(&self, rounds: usize, seed: u64) -> Vec<Round> {
        let mut seeded = Seeded::new(seed);
        let start = self
            .constructed(rounds, &mut seeded)
            .unwrap_or_else(|| (0..rounds).map(|_| self.random_round(&mut seeded)).collect());
        let mut search = Search::new(self, start);
        search.run(&mut seeded, self.lower_bound(rounds));
        search.best
    }

    /// A cost no schedule can go below: the round's meetings given one by one
    /// to the pairs whose next meeting costs least (history first), as if
    /// any pairs could meet; forbidden pairs never meet.
    fn lower_bound(&self, rounds: usize) -> i64 {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let per_round: usize = self.sizes.iter().map(|size| size * (size - 1) / 2).sum();
        let mut next: BinaryHeap<Reverse<(i64, u32, usize)>> = (0..self.n)
            .flat_map(|a| (a + 1..self.n).map(move |b| a * self.n + b))
            .filter(|&pair| !self.forbidden[pair])
            .map(|pair| Reverse((repeat_cost(self.history[pair]), self.history[pair], pair)))
            .collect();
        let mut bound: i64 = 0;
        for _ in 0..per_round * rounds {
            let Some(Reverse((cost, met, pair))) = next.pop() else { break };
            bound = bound.saturating_add(cost);
            next.push(Reverse((repeat_cost(met + 1), met + 1, pair)));
        }
        bound
    }

    fn has_forbidden(&self, rounds: &[Round]) -> bool {
        rounds.iter().flatten().any(|group| {
            group
                .iter()
                .enumerate()
                .any(|(i, &a)| group[i + 1..].iter().any(|&b| self.forbidden[a * self.n + b]))
        })
    }

    fn quality(&self, rounds: &[Round]) -> Quality {
        let mut met = self.history.clone();
        let mut quality = Quality::default();
        for round in rounds {
            let (mut repeated, mut new, mut same) = (0, 0, 0);
            for group in round {
                for (i, &a) in group.iter().enumerate() {
                    for &b in &group[i + 1..] {
                        if met[a * self.n + b] > 0 {
                            repeated += 1;
                        } else {
                            new += 1;
                        }
                        if self.same_organisation[a * self.n + b] {
                            same += 1;
                        }
                    }
                }
            }
            for group in round {
                for (i, &a) in group.iter().enumerate() {
                    for &b in &group[i + 1..] {
                        met[a * self.n + b] += 1;
                        met[b * self.n + a] += 1;
                    }
                }
            }
            quality.repeated.push(repeated);
            quality.new.push(new);
            quality.same_organisation.push(same);
        }
        quality
    }
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
    best: Vec<Round>,
    best_cost: i64,
    /// Per round and pair of people: the iteration until which swapping them back is tabu.
    tabu: Vec<usize>,
}

impl<'a> Search<'a> {
    fn new(problem: &'a Problem, rounds: Vec<Round>) -> Search<'a> {
        let n = problem.n;
        let mut search = Search {
            problem,
            group_of: Vec::new(),
            met: Vec::new(),
            cost: 0,
            best: rounds.clone(),
            best_cost: 0,
            tabu: vec![0; rounds.len() * n * n],
            rounds,
        };
        search.recount();
        search.best_cost = search.cost;
        search
    }

    /// Rebuilds the derived counts and the cost from the rounds.
    fn recount(&mut self) {
        let n = self.problem.n;
        self.met = self.problem.history.clone();
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

    fn run(&mut self, seeded: &mut Seeded, lower_bound: i64) {
        let n = self.problem.n;
        let movable: Vec<usize> = (0..n).filter(|p| !self.problem.is_host(*p)).collect();
        let mut stable = 0;
        let mut improved = 0;
        let groups = self.rounds.first().map_or(0, Vec::len);
        if groups < 2 || movable.len() < 2 {
            // Nobody can change places: the schedule is what it is.
            return;
        }
        for iteration in 1..=ITERATIONS {
            if self.best_cost <= lower_bound || iteration - improved > GIVE_UP {
                return;
            }
            let mut chosen: Option<(usize, usize, usize)> = None;
            let mut chosen_delta = i64::MAX;
            let mut ties = 0;
            for r in 0..self.rounds.len() {
                for &a in &movable {
                    if !self.in_conflict(r, a) {
                        continue;
                    }
                    for &b in &movable {
                        if self.group_of[r][a] == self.group_of[r][b] {
                            continue;
                        }
                        let delta = self.swap_delta(r, a, b);
                        let tabu = self.tabu[(r * n + a) * n + b] > iteration;
                        if tabu && self.cost + delta >= self.best_cost {
                            continue;
                        }
                        if delta < chosen_delta {
                            chosen = Some((r, a, b));
                            chosen_delta = delta;
                            ties = 1;
                        } else if delta == chosen_delta {
                            ties += 1;
                            if seeded.below(ties) == 0 {
                                chosen = Some((r, a, b));
                            }
                        }
                    }
                }
            }
            let Some((r, a, b)) = chosen else {
                self.perturb(seeded);
                continue;
            };
            self.swap(r, a, b);
            self.cost += chosen_delta;
            let tenure = iteration + 4 + seeded.below(n.max(10));
            self.tabu[(r * n + a) * n + b] = tenure;
            self.tabu[(r * n + b) * n + a] = tenure;
            if self.cost < self.best_cost {
                self.best_cost = self.cost;
                self.best.clone_from(&self.rounds);
                stable = 0;
                improved = iteration;
            } else {
                stable += 1;
                if stable >= STABLE {
                    stable = 0;
                    self.perturb(seeded);
                }
            }
        }
    }

    /// Back to the best schedule, shaken by a few random swaps.
    fn perturb(&mut self, seeded: &mut Seeded) {
        self.rounds.clone_from(&self.best);
        let movable: Vec<usize> = (0..self.problem.n).filter(|p| !self.problem.is_host(*p)).collect();
        if !self.rounds.is_empty() && movable.len() >= 2 {
            self.recount();
            for _ in 0..movable.len() / 2 + 1 {
                let r = seeded.below(self.rounds.len());
                let a = movable[seeded.below(movable.len())];
                let b = movable[seeded.below(movable.len())];
                if self.group_of[r][a] != self.group_of[r][b] {
                    self.swap(r, a, b);
                }
            }
        }
        self.recount();
        self.tabu.fill(0);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn people(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("p{i:02}")).collect()
    }

    fn request(n: usize, size: usize, rounds: usize) -> Request {
        Request {
            people: people(n),
            size,
            rounds,
            allow_larger: false,
            organisations: BTreeMap::new(),
            never_together: Vec::new(),
            hosts: Vec::new(),
            seed: 1,
        }
    }

    #[test]
    fn literature_instances_have_no_repeats() {
        // Kirkman's schoolgirls (5 of his 7 days), a round robin of pairs,
        // and the social golfer instances 6-5-3 and 4-4-5 (the complete one).
        for (n, size, rounds) in [(15, 3, 5), (15, 3, 7), (12, 2, 11), (30, 5, 3), (16, 4, 5)] {
            let schedule = form(&request(n, size, rounds), &Contacts::default()).unwrap();
            assert_eq!(schedule.quality.repeated_pairs(), 0, "{n} in groups of {size} over {rounds} rounds");
            assert_eq!(schedule.rounds.len(), rounds);
        }
    }

    #[test]
    fn unavoidable_repeats_are_counted_and_kept_to_the_minimum() {
        // 8 rounds of 5 trios are 120 meetings for 105 pairs: at least 15 repeat.
        let schedule = form(&request(15, 3, 8), &Contacts::default()).unwrap();
        assert_eq!(schedule.quality.repeated_pairs(), 15);
        assert_eq!(schedule.quality.new_pairs(), 105);
    }

    #[test]
    fn size_patterns() {
        assert_eq!(size_pattern(15, 3, false), Some(vec![3; 5]));
        assert_eq!(size_pattern(14, 3, false), Some(vec![3, 3, 3, 3, 2]));
        assert_eq!(size_pattern(13, 3, false), Some(vec![3, 3, 3, 2, 2]));
        assert_eq!(size_pattern(13, 3, true), Some(vec![4, 3, 3, 3]));
        assert_eq!(size_pattern(7, 2, false), Some(vec![3, 2, 2]));
        assert_eq!(size_pattern(5, 4, false), None);
        assert_eq!(size_pattern(5, 4, true), Some(vec![5]));
        assert_eq!(size_pattern(3, 4, false), Some(vec![3]));
        assert_eq!(size_pattern(1, 2, false), None);
        assert_eq!(size_pattern(6, 1, false), None);
    }

    #[test]
    fn a_pair_that_met_twice_weighs_more_than_two_that_met_once() {
        assert!(repeat_cost(2) > 2 * repeat_cost(1));
        assert_eq!(repeat_cost(0), 0);
    }

    #[test]
    fn impossible_requests_are_named() {
        assert_eq!(form(&request(6, 1, 1), &Contacts::default()), Err(GroupingError::SizeTooSmall));
        assert_eq!(form(&request(6, 2, 0), &Contacts::default()), Err(GroupingError::Rounds));
        assert_eq!(form(&request(6, 2, MAX_ROUNDS + 1), &Contacts::default()), Err(GroupingError::Rounds));
        assert_eq!(
            form(&request(5, 4, 1), &Contacts::default()),
            Err(GroupingError::TooFewPeople { people: 5, size: 4 })
        );
        let mut unknown = request(6, 2, 1);
        unknown.never_together = vec![("p01".into(), "p99".into())];
        assert_eq!(form(&unknown, &Contacts::default()), Err(GroupingError::Unknown("p99".into())));
        let mut impossible = request(3, 3, 1);
        impossible.never_together = vec![("p01".into(), "p02".into())];
        assert_eq!(form(&impossible, &Contacts::default()), Err(GroupingError::NeverTogether));
    }

    #[test]
    fn organisations_are_spread_when_possible() {
        let mut spread = request(9, 3, 2);
        for (i, id) in spread.people.iter().enumerate() {
            spread.organisations.insert(id.clone(), format!("org{}", i % 3));
        }
        let schedule = form(&spread, &Contacts::default()).unwrap();
        assert_eq!(schedule.quality.same_organisation, vec![0, 0]);
        assert_eq!(schedule.quality.repeated_pairs(), 0);
    }

    #[test]
    fn hosts_stay_at_their_tables() {
        let mut rotation = request(12, 3, 3);
        rotation.hosts = vec!["p03".into(), "p07".into(), "p11".into(), "p12".into()];
        let schedule = form(&rotation, &Contacts::default()).unwrap();
        for round in &schedule.rounds {
            for (table, host) in rotation.hosts.iter().enumerate() {
                assert!(round[table].contains(host), "{host} at table {}", table + 1);
            }
        }
    }

    fn contacts_of(groups: &[&[&str]]) -> Contacts {
        let mut contacts = Contacts::default();
        for group in groups {
            let group: Vec<String> = group.iter().map(|id| id.to_string()).collect();
            contacts.add_group(&group, crate::core::contacts::Meeting::at("muenchen"));
        }
        contacts
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

        #[test]
        fn every_schedule_keeps_the_rules(
            n in 2usize..20,
            size in 2usize..6,
            rounds in 1usize..5,
            allow_larger: bool,
            seed: u64,
            forbidden in proptest::collection::vec((0usize..20, 0usize..20), 0..3),
            met in proptest::collection::vec((0usize..20, 0usize..20), 0..12),
        ) {
            let mut asked = request(n, size, rounds);
            asked.allow_larger = allow_larger;
            asked.seed = seed;
            asked.never_together = forbidden
                .iter()
                .filter(|(a, b)| a % n != b % n)
                .map(|(a, b)| (asked.people[a % n].clone(), asked.people[b % n].clone()))
                .collect();
            let mut history = Contacts::default();
            for (a, b) in &met {
                if a % n != b % n {
                    history.add_group(
                        &[asked.people[a % n].clone(), asked.people[b % n].clone()],
                        crate::core::contacts::Meeting::at("muenchen"),
                    );
                }
            }
            let Some(pattern) = size_pattern(n, size, allow_larger) else {
                proptest::prop_assert!(form(&asked, &history).is_err());
                return Ok(());
            };
            let Ok(schedule) = form(&asked, &history) else {
                // Only the never_together pairs can make a valid pattern fail.
                proptest::prop_assert!(!asked.never_together.is_empty());
                return Ok(());
            };
            proptest::prop_assert_eq!(schedule.rounds.len(), rounds);
            for round in &schedule.rounds {
                let mut everyone: Vec<&String> = round.iter().flatten().collect();
                everyone.sort();
                let mut expected: Vec<&String> = asked.people.iter().collect();
                expected.sort();
                proptest::prop_assert_eq!(everyone, expected, "nobody twice, nobody left out");
                let sizes: Vec<usize> = round.iter().map(Vec::len).collect();
                proptest::prop_assert_eq!(&sizes, &pattern);
                proptest::prop_assert!(sizes.iter().all(|&size| size >= 2));
                for (a, b) in &asked.never_together {
                    proptest::prop_assert!(!round.iter().any(|group| group.contains(a) && group.contains(b)));
                }
            }
            proptest::prop_assert_eq!(form(&asked, &history), Ok(schedule), "deterministic for a seed");
        }

        #[test]
        fn a_pair_from_an_earlier_station_is_not_put_together_while_an_alternative_exists(seed: u64) {
            // 9 in trios, 2 rounds: after an earlier station's round there are
            // still schedules without a repeat, so none may repeat.
            let mut asked = request(9, 3, 2);
            asked.seed = seed;
            let history = contacts_of(&[&["p01", "p02", "p03"], &["p04", "p05", "p06"], &["p07", "p08", "p09"]]);
            let schedule = form(&asked, &history).unwrap();
            proptest::prop_assert_eq!(schedule.quality.repeated_pairs(), 0);
            for round in &schedule.rounds {
                for group in round {
                    for (i, a) in group.iter().enumerate() {
                        for b in &group[i + 1..] {
                            proptest::prop_assert_eq!(history.count(a, b), 0);
                        }
                    }
                }
            }
        }
    }
}
