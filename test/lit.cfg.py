# lit configuration for the Nabla test suites.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "Nabla"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".nabla"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.nabla_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%nabla_src_root", config.nabla_src_root))
config.substitutions.append(("%stdlib", os.path.join(config.nabla_src_root, "stdlib")))
config.substitutions.append(("%examples", os.path.join(config.nabla_src_root, "examples")))

# The LLVM 22 tools (FileCheck, not, count) come first: /usr/bin has LLVM 14.
llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.nabla_tools_dir, append_path=True)

# `pre` adds '=' to the default so that `--stage=nabla` keeps its value.
tools = [
    ToolSubst("nabla", pre=r".-^/\<=", unresolved="fatal"),
    ToolSubst("nabla-opt", unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, [config.nabla_tools_dir])

# GPU tests need a CUDA device.
if os.path.exists("/dev/nvidia0") or os.environ.get("NABLA_TEST_CUDA") == "1":
    config.available_features.add("cuda")
