# archdoc in a container: the dev profile of architecture/main.swift runs
# `archdoc generate` in it, on the repository mounted at /work.
#
# archdoc compiles the architecture with swiftc at run time, so the image keeps
# the Swift toolchain; the build stage only adds what building archdoc needs.
FROM swift:6.3.1-bookworm AS build
# Debian's own versions of the C libraries archdoc links against, as scripts/install-build-deps.sh installs them.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcmark-dev libgraphviz-dev libmimalloc-dev make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift Makefile ./
COPY scripts scripts
COPY Sources Sources
RUN make install PREFIX=/usr/local

FROM swift:6.3.1-bookworm
# The run-time halves of the same libraries: libcmark, Graphviz (with its layout plugins) and mimalloc.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcmark0.30.2 libgvc6 libmimalloc2.0 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/archdoc /usr/local/bin/archdoc
COPY --from=build /usr/local/lib/archdoc /usr/local/lib/archdoc
COPY --from=build /usr/local/share/archdoc /usr/local/share/archdoc
# A user of its own, with a home for the model cache (~/.cache/archdoc).
RUN useradd --create-home --uid 1000 archdoc
USER 1000:1000
WORKDIR /work
CMD ["archdoc", "generate"]
