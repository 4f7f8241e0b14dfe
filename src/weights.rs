//! A trained model as plain data: every layer's weights and biases on the host. It moves a run
//! from one backend to another and is what a saved model file holds.

use burn::tensor::{Device, Transaction};
use serde::{Deserialize, Serialize};

use crate::config::{Config, GeneratorOutput};
use crate::model::Mlp;
use crate::snapshot::floats;
use crate::train::TrainError;

/// One linear layer: `weight` is `[inputs, outputs]` row-major.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
}

/// Both networks' parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub generator: Vec<Layer>,
    pub discriminator: Vec<Layer>,
}

impl Weights {
    /// Checks that these weights fit the networks `config` describes and are all finite.
    pub fn check(&self, config: &Config) -> Result<(), String> {
        let g: Vec<usize> = std::iter::once(config.noise.dim).chain(config.generator.hidden.iter().copied()).chain([2]).collect();
        let d: Vec<usize> = std::iter::once(2).chain(config.discriminator.hidden.iter().copied()).chain([1]).collect();
        for (name, layers, widths) in [("generator", &self.generator, &g), ("discriminator", &self.discriminator, &d)] {
            let shape: Vec<usize> = layers.first().map(|l| l.inputs).into_iter().chain(layers.iter().map(|l| l.outputs)).collect();
            if &shape != widths {
                return Err(format!("the {name}'s layers are {shape:?}, but the configuration says {widths:?}"));
            }
            for (i, l) in layers.iter().enumerate() {
                if i > 0 && l.inputs != layers[i - 1].outputs {
                    return Err(format!("the {name}'s layer {i} does not fit the one before it"));
                }
                if l.weight.len() != l.inputs * l.outputs || l.bias.len() != l.outputs {
                    return Err(format!("the {name}'s layer {i} has the wrong number of values"));
                }
                if !l.weight.iter().chain(&l.bias).all(|v| v.is_finite()) {
                    return Err(format!("the {name}'s layer {i} holds a value that is not a finite number"));
                }
            }
        }
        Ok(())
    }

    pub(crate) fn network(layers: &[Layer], config: &Config, generator: bool, device: &Device) -> Mlp {
        let host: Vec<(usize, usize, &[f32], &[f32])> =
            layers.iter().map(|l| (l.inputs, l.outputs, l.weight.as_slice(), l.bias.as_slice())).collect();
        let (activation, output) = if generator {
            (config.generator.activation, config.generator_output)
        } else {
            (config.discriminator.activation, GeneratorOutput::Identity)
        };
        Mlp::from_host(&host, activation, output, device)
    }
}

/// Weights on their way back from the device.
pub struct PendingWeights {
    transaction: Transaction,
    shapes: Vec<(bool, usize, usize)>,
}

impl PendingWeights {
    pub(crate) fn new(generator: &Mlp, discriminator: &Mlp) -> Self {
        let mut transaction = Transaction::default();
        let mut shapes = Vec::new();
        for (is_g, net) in [(true, generator), (false, discriminator)] {
            for (w, b) in net.parameters() {
                let [i, o] = w.dims();
                shapes.push((is_g, i, o));
                transaction = transaction.register(w.inner()).register(b.inner());
            }
        }
        Self { transaction, shapes }
    }

    pub async fn read(self) -> Result<Weights, TrainError> {
        let data = self.transaction.execute_async().await.map_err(|e| TrainError::Device(format!("{e:?}")))?;
        let floats = |i: usize| floats(&data[i]);
        let mut weights = Weights { generator: Vec::new(), discriminator: Vec::new() };
        for (k, &(is_g, inputs, outputs)) in self.shapes.iter().enumerate() {
            let layer = Layer { inputs, outputs, weight: floats(2 * k)?, bias: floats(2 * k + 1)? };
            if is_g { weights.generator.push(layer) } else { weights.discriminator.push(layer) }
        }
        Ok(weights)
    }
}
