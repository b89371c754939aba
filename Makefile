# Folio's two entry points: `make report` renders notebooks/ and notebooks/examples/ into output/, `make test` runs the tests.
# Both first make sure the system libraries the build links against are installed (Debian, as root).

SWIFT ?= swift
APT_PACKAGES := libcmark-dev libopenblas-dev pkg-config
FOLIO := .build/release/folio

.PHONY: report test build deps browser-deps bench check clean docs browser-check

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product folio

# The reports' run blocks carry the date of the last commit (SOURCE_DATE_EPOCH), so rendering the
# same commit twice gives byte-identical reports.
report: build
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 0)} $(FOLIO) render notebooks notebooks/examples --output output --jobs 2

check: build
	$(FOLIO) check notebooks notebooks/examples

bench: build
	$(FOLIO) bench

# Headless Chromium, which the preview test drives (browser-check installs what it needs itself).
browser-deps:
	@bash .ci/ensure-chromium

test: deps browser-deps
	$(SWIFT) test

# Opens every report in $(REPORTS) (default output/) in headless Chromium (installing it if
# missing); fails on a console message, a network request, a duplicate id, an element wider than a
# 390 px phone, figure text under 9 px, or a summary box split in print. Screenshots: .build/screenshots/.
REPORTS ?= output
browser-check:
	bash .ci/browser-check $(REPORTS)

clean:
	rm -rf .build .folio-cache

# Regenerate the directive reference inside docs/notebooks.md from the code (a test checks it).
docs: build
	@$(FOLIO) docs > .build/directive-reference.md
	@awk '/BEGIN GENERATED: directive reference/ { while ((getline line < ".build/directive-reference.md") > 0) print line; skip = 1; next } \
	      /END GENERATED: directive reference/ { skip = 0; next } !skip { print }' docs/notebooks.md > .build/notebooks.md
	@mv .build/notebooks.md docs/notebooks.md
