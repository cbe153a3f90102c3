# archdoc's entry points. `make run` and `make test` install what they need.
SHELL := /bin/bash
SWIFT ?= swift
ARCHDOC := .build/debug/archdoc
# A target that imports a module it does not declare as a dependency fails to
# build: the module boundaries of Package.swift are kept by the compiler.
SWIFT_FLAGS ?= --explicit-target-dependency-import-check error
# Tests share one cache of compiled models outside the repository.
export ARCHDOC_TEST_CACHE_DIR ?= $(CURDIR)/.build/archdoc-test-cache

.PHONY: run serve generate build deps test tools clean help

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

run: build serve ## Build archdoc, generate this repository's architecture and serve it at http://127.0.0.1:8000/.

serve: ## Generate and serve site/ with live reload (Ctrl-C stops).
	$(ARCHDOC) serve

deps: ## Install the C libraries archdoc links against (libcmark, Graphviz, mimalloc).
	bash scripts/install-build-deps.sh

build: deps ## Build archdoc and the DSL library (debug).
	$(SWIFT) build $(SWIFT_FLAGS)

generate: ## Generate site/ from architecture/.
	$(ARCHDOC) generate

tools: ## Install PlantUML, Mermaid, docker compose, cmark, graphviz, mimalloc, chromium (apt + pip).
	bash scripts/install-tools.sh

test: tools ## Install the real tools, build, and run every test.
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	set -a && . .tools/env && set +a && $(SWIFT) test $(SWIFT_FLAGS)

bench: tools ## Release build, then time every stage at 100/1,000/10,000 containers beside c4-diagrams and cmark (about 7 min once built; 3 min more the first time).
	bash scripts/install-bench-tools.sh
	$(SWIFT) build -c release --product archdoc
	$(SWIFT) build -c release --product ArchitectureDescription
	$(SWIFT) build -c release --product archdoc-bench
	set -a && . .tools/env && set +a && .build/release/archdoc-bench --out bench-results.json

clean: ## Remove build products and generated output.
	rm -rf .build site .tools
