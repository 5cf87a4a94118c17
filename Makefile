# samlab: `make demo` runs the built-in demo script, `make test` runs the test suite.
# Both install the Debian packages samlab links against when they are missing (needs root or sudo).

SWIFT ?= swift
# tmux drives the REPL's pseudo-terminal test.
DEBIAN_PACKAGES := libopenblas-dev liblapacke-dev libreadline-dev zlib1g-dev pkg-config tmux
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test slurm-test bench bench-jax-setup bench-compare time-tool clean

deps:
	@dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1 || { \
	  echo "installing $(DEBIAN_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBIAN_PACKAGES); }

build: deps
	$(SWIFT) build -c release

demo: build
	.build/release/samlab run examples/demo.sam

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# samlab sweep --emit slurm against a real single-node Slurm on localhost (installs slurm-wlm and munge;
# starts munged, slurmctld and slurmd; needs root).
slurm-test: deps
	$(SWIFT) build
	Tests/slurm/slurm-e2e.sh .build/debug/samlab

bench: build
	.build/release/samlab bench

# The JAX reference of the benchmarks (benchmarks/jax/): a virtualenv with the pinned requirements from PyPI.
PYTHON ?= python3
JAX_VENV := benchmarks/jax/.venv
BENCH_REPETITIONS ?= 5

bench-jax-setup: $(JAX_VENV)/.installed

$(JAX_VENV)/.installed: benchmarks/jax/requirements.txt
	test -x $(JAX_VENV)/bin/python || $(PYTHON) -m venv $(JAX_VENV)
	$(JAX_VENV)/bin/python -m pip install -q --disable-pip-version-check -r benchmarks/jax/requirements.txt
	touch $@

time-tool:
	@test -x /usr/bin/time || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq time; }

# samlab and JAX side by side, one process per model under /usr/bin/time -v (peak RSS).
bench-compare: build bench-jax-setup time-tool
	$(PYTHON) benchmarks/compare.py --samlab .build/release/samlab --jax-python $(JAX_VENV)/bin/python \
	  --repetitions $(BENCH_REPETITIONS) --save .build/bench-compare.json

clean:
	rm -rf .build
