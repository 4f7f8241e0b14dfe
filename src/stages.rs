//! One iteration in slow motion: its stages in order (sample noise, G makes fakes, D scores
//! them, D's loss, D's update, G's loss, G's update), each with a sentence of narration and the
//! picture of the data plane at that moment, assembled from the snapshots taken before the
//! iteration, after D's updates and after G's ([`Trainer::step_in_halves`]).
//!
//! [`Trainer::step_in_halves`]: crate::Trainer::step_in_halves

use crate::snapshot::Snapshot;

/// A stage of one iteration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    SampleNoise,
    Generate,
    Score,
    DiscriminatorLoss,
    DiscriminatorUpdate,
    GeneratorLoss,
    GeneratorUpdate,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::SampleNoise,
        Stage::Generate,
        Stage::Score,
        Stage::DiscriminatorLoss,
        Stage::DiscriminatorUpdate,
        Stage::GeneratorLoss,
        Stage::GeneratorUpdate,
    ];

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|&s| s == self).expect("every stage is listed")
    }

    /// The stage after this one, if any.
    pub fn next(self) -> Option<Stage> {
        Self::ALL.get(self.index() + 1).copied()
    }

    /// The stage before this one, if any.
    pub fn previous(self) -> Option<Stage> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }

    pub fn title(self) -> &'static str {
        match self {
            Stage::SampleNoise => "Sample noise",
            Stage::Generate => "G makes fakes",
            Stage::Score => "D scores real and fake",
            Stage::DiscriminatorLoss => "D's loss",
            Stage::DiscriminatorUpdate => "D's update",
            Stage::GeneratorLoss => "G's loss",
            Stage::GeneratorUpdate => "G's update",
        }
    }

    /// What happens, in a sentence or two.
    pub fn narration(self) -> &'static str {
        match self {
            Stage::SampleNoise => {
                "A batch of noise vectors z is drawn at random. The grey grid shows where the generator sends \
                 every point of the noise space: G has not learned anything yet in this iteration."
            }
            Stage::Generate => {
                "G turns each z into a point G(z) in the plane: these fakes (grey) are its current guess at what \
                 real data looks like."
            }
            Stage::Score => {
                "D looks at a batch of real points and the fakes and gives each a probability of being real, D(x): \
                 the colour of each fake, and the background, show what D believes."
            }
            Stage::DiscriminatorLoss => {
                "D is scored by binary cross-entropy: every real point it doubts and every fake it believes adds \
                 surprise, -log of the probability it gave the right answer."
            }
            Stage::DiscriminatorUpdate => {
                "D's weights move down the gradient of that loss: the background now shows the updated D, more \
                 sure of real regions and more suspicious of where the fakes sit."
            }
            Stage::GeneratorLoss => {
                "G is scored by how little D believes its fakes. The arrows are ∂D/∂x: the direction in which each \
                 fake would look more real to the updated D."
            }
            Stage::GeneratorUpdate => {
                "G's weights move so its fakes follow those arrows: the grid and the new samples show G after the \
                 update. The next iteration starts from here."
            }
        }
    }

    /// The theory card that explains this stage (its element id on the page).
    pub fn card(self) -> &'static str {
        match self {
            Stage::SampleNoise | Stage::Generate => "card-players",
            Stage::Score => "card-information",
            Stage::DiscriminatorLoss => "card-bce",
            Stage::DiscriminatorUpdate => "card-cross-entropy",
            Stage::GeneratorLoss | Stage::GeneratorUpdate => "card-game",
        }
    }
}

/// The three moments of one iteration.
#[derive(Clone, Debug, PartialEq)]
pub struct SlowIteration {
    /// Before the iteration.
    pub before: Snapshot,
    /// After D's updates.
    pub after_d: Snapshot,
    /// After G's updates: the end of the iteration.
    pub after_g: Snapshot,
}

impl SlowIteration {
    /// What the data plane shows at `stage`: a snapshot with only that moment's layers. Fakes
    /// with no scores (empty logits) are drawn grey, unscored.
    pub fn view(&self, stage: Stage) -> Snapshot {
        let (a, b, c) = (&self.before, &self.after_d, &self.after_g);
        // D's batch of this iteration, with D's scores from before its update.
        let scored = Snapshot { heatmap: a.heatmap.clone(), manifold: None, gradients: None, ..b.clone() };
        match stage {
            Stage::SampleNoise => Snapshot { real: Vec::new(), fake: Vec::new(), real_logits: Vec::new(), fake_logits: Vec::new(), manifold: a.manifold.clone(), ..scored },
            Stage::Generate => Snapshot { real: Vec::new(), real_logits: Vec::new(), fake_logits: Vec::new(), manifold: a.manifold.clone(), ..scored },
            Stage::Score | Stage::DiscriminatorLoss => scored,
            Stage::DiscriminatorUpdate => Snapshot { heatmap: b.heatmap.clone(), ..scored },
            Stage::GeneratorLoss => Snapshot { heatmap: b.heatmap.clone(), gradients: b.gradients.clone(), ..scored },
            Stage::GeneratorUpdate => {
                // G's new samples: its output on the evaluation noise, as many as a batch.
                let fresh: Vec<[f32; 2]> = c.generated.iter().flatten().take(b.fake.len()).copied().collect();
                Snapshot {
                    heatmap: c.heatmap.clone(),
                    manifold: c.manifold.clone(),
                    real: b.real.clone(),
                    fake: fresh,
                    fake_logits: Vec::new(),
                    gradients: None,
                    ..c.clone()
                }
            }
        }
    }
}
