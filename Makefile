# The two entry points of the README. Both install what is missing and build first.
BUILD_DIR ?= build
ARGS ?=
.PHONY: run test build
build:
	bash scripts/setup.sh
run: build
	bash scripts/run-example.sh $(ARGS)
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure
