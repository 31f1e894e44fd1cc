# frogscan — build, test, demo and benchmark entry points.
SWIFT      ?= swift
CONFIG     ?= release
BUILD_FLAGS = -c $(CONFIG)
BIN         = .build/$(CONFIG)/frogscan
DEB_PACKAGES = pkg-config libsndfile1-dev libfftw3-dev libopenblas-dev libpng-dev libsoxr-dev

PREFIX     ?= /usr/local

.PHONY: setup build test test-tsan demo bench clean install install-files fuzz fuzz-build

## setup: install the Debian -dev packages frogscan links against (only the missing ones)
setup:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "setup: system packages present"; exit 0; fi; \
	if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "setup: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
	  echo "setup: please install:$$missing"; \
	  echo "  (Fedora: libsndfile-devel fftw-devel openblas-devel libpng-devel soxr-devel;"; \
	  echo "   macOS: brew install libsndfile fftw openblas libpng libsoxr pkg-config)"; exit 1; \
	fi

## build: release build of the frogscan executable (and the commit `frogscan --version` prints)
build: setup
	$(SWIFT) build $(BUILD_FLAGS) --product frogscan
	@git rev-parse --short=12 HEAD > $(BIN).commit 2>/dev/null || rm -f $(BIN).commit

## install: build, then the binary into PREFIX/bin and shell completions under PREFIX/share
install: build install-files

## install-files: copy an already built BIN and its completions into PREFIX (no build)
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/frogscan \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/frogscan
	if [ -f $(BIN).commit ]; then install -m 644 $(BIN).commit $(DESTDIR)$(PREFIX)/share/frogscan/commit; \
	  else git rev-parse --short=12 HEAD > $(DESTDIR)$(PREFIX)/share/frogscan/commit 2>/dev/null || true; fi
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/frogscan
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_frogscan
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/frogscan.fish

## test: the whole suite (release build with testability, so numeric tests run at real speed)
test: setup
	$(SWIFT) build -c release -Xswiftc -enable-testing --build-tests
	$(SWIFT) test -c release -Xswiftc -enable-testing --skip-build

## test-tsan: the whole suite under the thread sanitizer, in its own release build (.build/tsan,
## so `make test`'s is kept); OpenBLAS gets TSAN_THREADS threads, the tests choose their own
## worker counts (1 to 8, mostly 2). 14 min on 2 busy cores: 5 to build from scratch, 9 to run.
TSAN_THREADS ?= 2
TSAN_FLAGS = -c release -Xswiftc -enable-testing --sanitize=thread --scratch-path .build/tsan
test-tsan: setup
	$(SWIFT) build $(TSAN_FLAGS) --build-tests
	OPENBLAS_NUM_THREADS=$(TSAN_THREADS) $(SWIFT) test $(TSAN_FLAGS) --skip-build

## demo: build, then run the main job end to end on the bundled data
demo: build
	./scripts/demo.sh $(BIN)

## bench: reference workloads, side by side with the peers (librosa, PyTorch)
bench: build
	./benchmarks/run.sh $(BIN)

## fuzz-build: the libFuzzer targets of Fuzz/ (a separate package, so `build` and `test` never see
## them); one product at a time, so the root package's own executable is not built with libFuzzer
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= FuzzRaven FuzzAudacity FuzzAnnotationCSV FuzzConfig FuzzModel FuzzNPY FuzzAudio
FUZZ_BUILD_FLAGS = -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
fuzz-build: setup
	@for t in $(FUZZ_TARGETS); do \
	  $(SWIFT) build --package-path Fuzz $(FUZZ_BUILD_FLAGS) --product $$t || exit 1; done

## fuzz: each target for FUZZ_SECONDS, one after another (docs/fuzzing.md)
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do ./Fuzz/run.sh $$t $(FUZZ_SECONDS) || exit 1; done

clean:
	rm -rf .build Fuzz/.build
