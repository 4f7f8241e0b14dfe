//! ∂D/∂x, written out for the gradient penalty and the arrows, matches finite differences, and
//! the penalty's own gradient reaches the weights.

use burn::module::Module;
use burn::optim::GradientsParams;
use burn::tensor::{Tensor, TensorData};
use ganplay::config::{Activation, NetConfig};
use ganplay::model::Mlp;
use ganplay::{Rng, device, loss};
use rand::SeedableRng;

fn discriminator(activation: Activation) -> Mlp {
    let net = NetConfig { hidden: vec![7, 5], activation, ..NetConfig::default() };
    Mlp::discriminator(&net, &mut Rng::seed_from_u64(3), &device::cpu())
}

fn values(t: Tensor<2>) -> Vec<f64> {
    t.into_data().as_slice::<f32>().unwrap().iter().map(|&v| v as f64).collect()
}

#[test]
fn input_gradient_matches_central_differences() {
    for activation in [Activation::Tanh, Activation::LeakyRelu, Activation::Relu] {
        let d = discriminator(activation).valid();
        let points = [[0.3f32, 0.7], [0.8, 0.1], [0.55, 0.45]];
        let x = Tensor::<2>::from_data(TensorData::new(points.concat(), [3, 2]), &device::cpu().inner());
        let (_, grad) = d.output_and_input_gradient(x);
        let grad = values(grad);
        let h = 1e-2f32;
        let mut checked = 0;
        for (i, p) in points.iter().enumerate() {
            for axis in 0..2 {
                let mut plus = *p;
                let mut minus = *p;
                plus[axis] += h;
                minus[axis] -= h;
                let x = Tensor::<2>::from_data(TensorData::new([plus, *p, minus].concat(), [3, 2]), &device::cpu().inner());
                let out = values(d.forward(x));
                // A (leaky) ReLU kink between x - h and x + h makes the two one-sided slopes
                // differ: there the derivative is not defined at this scale, so skip it.
                let (ahead, behind) = ((out[0] - out[1]) / h as f64, (out[1] - out[2]) / h as f64);
                if activation != Activation::Tanh && (ahead - behind).abs() > 1e-3 * (1.0 + ahead.abs()) {
                    continue;
                }
                checked += 1;
                let numeric = (out[0] - out[2]) / (2.0 * h as f64);
                let analytic = grad[i * 2 + axis];
                assert!(
                    (numeric - analytic).abs() < 2e-3 * (1.0 + analytic.abs()),
                    "{activation:?} point {i} axis {axis}: numeric {numeric} analytic {analytic}"
                );
            }
        }
        assert!(checked >= 4, "{activation:?}: most coordinates are away from a kink");
    }
}

#[test]
fn gradient_penalty_gradient_matches_finite_differences_in_a_weight() {
    // The penalty must be differentiable with respect to D's weights (WGAN-GP trains on it).
    let d = discriminator(Activation::Tanh);
    let points = [0.3f32, 0.7, 0.8, 0.1];
    let penalty = |net: &Mlp| {
        let x = Tensor::<2>::from_data(TensorData::new(points.to_vec(), [2, 2]), &device::cpu());
        let (_, g) = net.output_and_input_gradient(x);
        loss::gradient_penalty(g, 10.0)
    };
    let p = penalty(&d);
    let grads = GradientsParams::from_grads(p.backward(), &d);
    let mut analytic = None;
    let mut weight_id = None;
    struct First(Option<burn::module::ParamId>);
    impl burn::module::ModuleVisitor for First {
        fn visit_float<const D: usize>(&mut self, param: &burn::module::Param<Tensor<D>>) {
            if self.0.is_none() {
                self.0 = Some(param.id);
            }
        }
    }
    let mut first = First(None);
    d.visit(&mut first);
    if let Some(id) = first.0 {
        weight_id = Some(id);
        analytic = grads.get::<2>(id).map(|g| values(g.inner())[0]);
    }
    let analytic = analytic.expect("the first weight has a gradient");
    let _ = weight_id;

    // Nudge the first weight (row 0, col 0 of the first layer) both ways.
    let h = 1e-2f32;
    let nudge = |delta: f32| {
        struct Nudge(f32, bool);
        impl burn::module::ModuleMapper for Nudge {
            fn map_float<const D: usize>(&mut self, param: burn::module::Param<Tensor<D>>) -> burn::module::Param<Tensor<D>> {
                if self.1 {
                    return param;
                }
                self.1 = true;
                let (id, t, mapper) = param.consume();
                let dims = t.dims();
                let mut data: Vec<f32> = t.clone().into_data().as_slice::<f32>().unwrap().to_vec();
                data[0] += self.0;
                let t = Tensor::<D>::from_data(TensorData::new(data, dims), &t.device()).require_grad();
                burn::module::Param::from_mapped_value(id, t, mapper)
            }
        }
        d.clone().map(&mut Nudge(delta, false))
    };
    let value = |t: Tensor<1>| t.into_data().as_slice::<f32>().unwrap()[0] as f64;
    let numeric = (value(penalty(&nudge(h))) - value(penalty(&nudge(-h)))) / (2.0 * h as f64);
    assert!((numeric - analytic).abs() < 1e-2 * (1.0 + analytic.abs()), "numeric {numeric} analytic {analytic}");
}
