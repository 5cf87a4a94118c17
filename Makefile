# samlab: `make demo` runs the built-in demo script, `make test` runs the test suite.
# Both install the Debian packages samlab links against when they are missing (needs root or sudo).

SWIFT ?= swift
DEBIAN_PACKAGES := libopenblas-dev liblapacke-dev libreadline-dev zlib1g-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test bench clean

deps:
	@dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1 || { \
	  echo "installing $(DEBIAN_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBIAN_PACKAGES); }

build: deps
	$(SWIFT) build -c release

demo: build
	.build/release/samlab bench --filter mlp

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	.build/release/samlab bench

clean:
	rm -rf .build
