# archdoc's entry points. `make run` and `make test` install what they need.
SHELL := /bin/bash
SWIFT ?= swift
ARCHDOC := .build/debug/archdoc
# A target that imports a module it does not declare as a dependency fails to
# build: the module boundaries of Package.swift are kept by the compiler.
SWIFT_FLAGS ?= --explicit-target-dependency-import-check error
# Tests share one cache of compiled models outside the repository.
export ARCHDOC_TEST_CACHE_DIR ?= $(CURDIR)/.build/archdoc-test-cache

# Where `make install` puts archdoc: <PREFIX>/bin, <PREFIX>/lib/archdoc, <PREFIX>/share/archdoc.
PREFIX ?= /usr/local

.PHONY: run serve generate build deps test tools docs clean help install uninstall

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

docs: ## Build the DocC reference of the DSL into .build/docs/ArchitectureDescription; a DocC warning fails it.
	mkdir -p .build/docs
	$(SWIFT) package $(SWIFT_FLAGS) --allow-writing-to-directory .build/docs generate-documentation --target ArchitectureDescription \
		--warnings-as-errors --output-path .build/docs/ArchitectureDescription \
		--transform-for-static-hosting --hosting-base-path ArchitectureDescription

# The release build comes before `swift test`: InstallTests runs `make install`,
# whose build cannot start while `swift test` holds the build folder.
test: tools docs ## Install the real tools, build, and run every test.
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) build -c release --product archdoc $(SWIFT_FLAGS)
	$(SWIFT) build -c release --product ArchitectureDescription $(SWIFT_FLAGS)
	set -a && . .tools/env && set +a && $(SWIFT) test $(SWIFT_FLAGS)

bench: tools ## Release build, then time every stage at 100/1,000/10,000 containers beside c4-diagrams and cmark (about 7 min once built; 3 min more the first time).
	bash scripts/install-bench-tools.sh
	$(SWIFT) build -c release --product archdoc
	$(SWIFT) build -c release --product ArchitectureDescription
	$(SWIFT) build -c release --product archdoc-bench
	set -a && . .tools/env && set +a && .build/release/archdoc-bench --out bench-results.json

install: deps ## Build release archdoc and install it under PREFIX (default /usr/local): make install PREFIX=~/.local
	$(SWIFT) build -c release --product archdoc $(SWIFT_FLAGS)
	$(SWIFT) build -c release --product ArchitectureDescription $(SWIFT_FLAGS)
	bash scripts/install.sh "$(DESTDIR)$(PREFIX)" "$$($(SWIFT) build -c release --show-bin-path $(SWIFT_FLAGS))"

uninstall: ## Remove what `make install` put under PREFIX.
	bash scripts/install.sh --uninstall "$(DESTDIR)$(PREFIX)"

clean: ## Remove build products and generated output.
	rm -rf .build site .tools
