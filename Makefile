# Folio's two entry points: `make report` renders notebooks/ into output/, `make test` runs the tests.
# Both first make sure the system libraries the build links against are installed (Debian, as root).

SWIFT ?= swift
APT_PACKAGES := libcmark-dev libopenblas-dev pkg-config
FOLIO := .build/release/folio

.PHONY: report test build deps bench check clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product folio

report: build
	$(FOLIO) render notebooks --output output

check: build
	$(FOLIO) check notebooks

bench: build
	$(FOLIO) bench

test: deps
	$(SWIFT) test

clean:
	rm -rf .build .folio-cache
