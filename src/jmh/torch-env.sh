# Sourced by the drivers that time PyTorch (e2e-fashion.sh, train-suite.sh): how torch's OpenBLAS
# chooses its kernels. By default OpenBLAS detects the CPU, as on a researcher's machine, even where
# the environment sets OPENBLAS_CORETYPE (one of ours sets Haswell, which made PyTorch's GEMM 1.45x
# slower on Zen 5 than the AVX-512 kernels OpenBLAS detects there); TORCH_OPENBLAS_CORETYPE=NAME
# chooses. Run torch as "${torch_env[@]}" PYTHON ...
torch_env=(env -u OPENBLAS_CORETYPE)
[ -z "${TORCH_OPENBLAS_CORETYPE:-}" ] || torch_env=(env OPENBLAS_CORETYPE="$TORCH_OPENBLAS_CORETYPE")

# The kernels OpenBLAS picks under torch_env for the python in $1 ("Core: ..." with OPENBLAS_VERBOSE=2).
openblas_core() {
  "${torch_env[@]}" OPENBLAS_VERBOSE=2 "$1" -c 'import torch; torch.ones(64, 64) @ torch.ones(64, 64)' 2>&1 \
    | sed -n 's/^Core: //p' | tail -1
}
