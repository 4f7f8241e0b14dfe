//! The generator and the discriminator: multilayer perceptrons, read top to bottom like the
//! network diagram on the page.
//!
//! Weights are drawn from the trainer's seeded host RNG (not the backend's), so a seed gives the
//! same initial network on every backend and in every thread.

use burn::module::{Module, Param};
use burn::nn::Linear;
use burn::tensor::activation::{leaky_relu, relu, tanh};
use burn::tensor::{Device, Tensor, TensorData};
use rand::RngExt;

use crate::Rng;
use crate::config::{Activation, GeneratorOutput, NetConfig};

/// A stack of linear layers with `activation` between them and `output` after the last.
#[derive(Module, Debug)]
pub struct Mlp {
    layers: Vec<Linear>,
    #[module(skip)]
    activation: Activation,
    #[module(skip)]
    output: GeneratorOutput,
}

impl Mlp {
    /// The generator: noise (`noise_dim`) -> hidden layers -> a point in the plane.
    pub fn generator(net: &NetConfig, noise_dim: usize, output: GeneratorOutput, rng: &mut Rng, device: &Device) -> Self {
        Self::new(noise_dim, &net.hidden, 2, net.activation, output, rng, device)
    }

    /// The discriminator: a point -> hidden layers -> one logit (no squashing: the losses take
    /// logits, which keeps them numerically stable).
    pub fn discriminator(net: &NetConfig, rng: &mut Rng, device: &Device) -> Self {
        Self::new(2, &net.hidden, 1, net.activation, GeneratorOutput::Identity, rng, device)
    }

    fn new(
        input: usize,
        hidden: &[usize],
        output_dim: usize,
        activation: Activation,
        output: GeneratorOutput,
        rng: &mut Rng,
        device: &Device,
    ) -> Self {
        let widths: Vec<usize> = std::iter::once(input).chain(hidden.iter().copied()).chain([output_dim]).collect();
        let layers = widths.windows(2).map(|w| linear(w[0], w[1], rng, device)).collect();
        Self { layers, activation, output }
    }

    /// A network from weights on the host: `(weight [in, out] row-major, bias [out])` per layer.
    pub(crate) fn from_host(layers: &[(usize, usize, &[f32], &[f32])], activation: Activation, output: GeneratorOutput, device: &Device) -> Self {
        let layers = layers
            .iter()
            .map(|&(fan_in, fan_out, w, b)| Linear {
                weight: Param::from_data(TensorData::new(w.to_vec(), [fan_in, fan_out]), device),
                bias: Some(Param::from_data(TensorData::new(b.to_vec(), [fan_out]), device)),
            })
            .collect();
        Self { layers, activation, output }
    }

    /// Each layer's weight and bias tensors, input side first.
    pub(crate) fn parameters(&self) -> Vec<(Tensor<2>, Tensor<1>)> {
        self.layers
            .iter()
            .map(|l| (l.weight.val(), l.bias.as_ref().expect("every layer has a bias").val()))
            .collect()
    }

    pub fn output(&self) -> GeneratorOutput {
        self.output
    }

    /// Widths of every layer, input first: `[2, 9, 9, 9, 1]` for GAN Lab's discriminator.
    pub fn widths(&self) -> Vec<usize> {
        let mut w: Vec<usize> = self.layers.iter().map(|l| l.weight.dims()[0]).collect();
        w.push(self.layers.last().map_or(0, |l| l.weight.dims()[1]));
        w
    }

    pub fn activation(&self) -> Activation {
        self.activation
    }

    pub fn forward(&self, x: Tensor<2>) -> Tensor<2> {
        self.forward_with_pre_activations(x).0
    }

    /// The output and, for every hidden layer, its input to the activation.
    fn forward_with_pre_activations(&self, x: Tensor<2>) -> (Tensor<2>, Vec<Tensor<2>>) {
        let last = self.layers.len() - 1;
        let mut pre = Vec::with_capacity(last);
        let mut h = x;
        for (i, layer) in self.layers.iter().enumerate() {
            let z = layer.forward(h);
            if i == last {
                return (apply_output(self.output, z), pre);
            }
            h = apply(self.activation, z.clone());
            pre.push(z);
        }
        unreachable!("an Mlp has at least one layer")
    }

    /// For a network with one output (the discriminator): its output f(x) and ∂f/∂x for every
    /// row of `x`, by backpropagation written out as tensor operations.
    ///
    /// Written out rather than asked of autodiff so that it is itself differentiable with
    /// first-order autodiff: the gradient penalty of WGAN-GP differentiates it with respect to
    /// the weights. Ignores `output` (the discriminator's is the identity).
    pub fn output_and_input_gradient(&self, x: Tensor<2>) -> (Tensor<2>, Tensor<2>) {
        let (out, pre) = self.forward_with_pre_activations(x);
        let [rows, _] = out.dims();
        let mut g = Tensor::<2>::ones([rows, 1], &out.device());
        for (i, layer) in self.layers.iter().enumerate().rev() {
            if i < pre.len() {
                g = g * derivative(self.activation, pre[i].clone());
            }
            g = g.matmul(layer.weight.val().transpose());
        }
        (out, g)
    }
}

fn linear(fan_in: usize, fan_out: usize, rng: &mut Rng, device: &Device) -> Linear {
    // He (Kaiming) normal: N(0, 2/fan_in) weights, zero biases, the init made for ReLU nets. With
    // PyTorch's default (U(±1/√fan_in) for both) GAN Lab's small ReLU nets often start with a
    // discriminator whose units are all dead, which never learns.
    let std = (2.0 / fan_in as f32).sqrt();
    let weight: Vec<f32> = (0..fan_in * fan_out).map(|_| std * rng.sample::<f32, _>(rand_distr::StandardNormal)).collect();
    let weight = TensorData::new(weight, [fan_in, fan_out]);
    let bias = TensorData::new(vec![0.0f32; fan_out], [fan_out]);
    Linear { weight: Param::from_data(weight, device), bias: Some(Param::from_data(bias, device)) }
}

fn apply(activation: Activation, z: Tensor<2>) -> Tensor<2> {
    match activation {
        Activation::Relu => relu(z),
        Activation::LeakyRelu => leaky_relu(z, Activation::LEAKY_SLOPE),
        Activation::Tanh => tanh(z),
    }
}

/// The activation's derivative at `z`.
fn derivative(activation: Activation, z: Tensor<2>) -> Tensor<2> {
    match activation {
        Activation::Relu => z.greater_elem(0.0).float(),
        Activation::LeakyRelu => {
            let positive = z.greater_elem(0.0).float();
            positive.clone() + (positive.neg() + 1.0) * Activation::LEAKY_SLOPE
        }
        Activation::Tanh => {
            let t = tanh(z);
            t.clone().mul(t).neg() + 1.0
        }
    }
}

fn apply_output(output: GeneratorOutput, z: Tensor<2>) -> Tensor<2> {
    match output {
        GeneratorOutput::Tanh => tanh(z),
        GeneratorOutput::Identity => z,
    }
}
