//===- Args.cpp - Program options -----------------------------------------===//
//
// `--name=value` / `--name value` options for compiled programs, looked up
// by name when the program asks. Unknown options and malformed values are
// errors that list the options the program accepts; nrt.h documents exactly
// when each check runs.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <vector>

using namespace nrt;

namespace {
struct GivenOption {
  std::string name;
  bool hasValue = false;
  std::string value;
  std::string spelling; ///< as written, for messages
};

struct AskedOption {
  std::string name;
  std::string kind; ///< "int", "float", "string", "flag" or "" (declared)
};

struct ArgState {
  std::mutex mutex;
  std::vector<GivenOption> given;
  std::vector<AskedOption> asked;
  bool strict = false;  ///< nrt_arg_declare was called
  bool checked = false; ///< the unknown-option check ran
};
} // namespace

/// Never destroyed, so an exit from inside a query cannot race with its
/// destructor.
static ArgState &state() {
  static ArgState *s = new ArgState;
  return *s;
}

static std::string acceptedOptions(const ArgState &s) {
  if (s.asked.empty())
    return "this program accepts no options";
  std::string out = "this program accepts: ";
  for (size_t i = 0; i < s.asked.size(); ++i) {
    const AskedOption &a = s.asked[i];
    out += (i ? ", --" : "--") + a.name;
    if (a.kind == "int" || a.kind == "float" || a.kind == "string")
      out += " <" + a.kind + ">";
  }
  return out;
}

static void noteAsked(ArgState &s, const std::string &name,
                      const std::string &kind) {
  for (AskedOption &a : s.asked)
    if (a.name == name) {
      if (!kind.empty())
        a.kind = kind;
      return;
    }
  s.asked.push_back({name, kind});
}

static void checkUnknown(ArgState &s) {
  s.checked = true;
  for (const GivenOption &g : s.given) {
    bool known = false;
    for (const AskedOption &a : s.asked)
      known |= a.name == g.name;
    if (!known)
      nrt_fatal("unknown option '--%s' (%s)", g.name.c_str(),
                acceptedOptions(s).c_str());
  }
}

extern "C" void nrt_set_args(int argc, char **argv) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.given.clear();
  s.asked.clear();
  s.strict = false;
  s.checked = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i] ? argv[i] : "";
    if (arg.size() <= 2 || arg.compare(0, 2, "--") != 0)
      nrt_fatal("unexpected argument '%s' (options are written --name=value "
                "or --name value)",
                arg.c_str());
    GivenOption g;
    g.spelling = arg;
    std::string body = arg.substr(2);
    size_t eq = body.find('=');
    if (eq != std::string::npos) {
      g.name = body.substr(0, eq);
      g.value = body.substr(eq + 1);
      g.hasValue = true;
    } else {
      g.name = body;
      if (i + 1 < argc && argv[i + 1] &&
          std::string(argv[i + 1]).compare(0, 2, "--") != 0) {
        g.value = argv[++i];
        g.hasValue = true;
        g.spelling += " " + g.value;
      }
    }
    if (g.name.empty())
      nrt_fatal("malformed option '%s' (options are written --name=value or "
                "--name value)",
                arg.c_str());
    s.given.push_back(std::move(g));
  }
}

NRT_CIFACE_ALIAS(void, nrt_set_args, (int argc, char **argv))

extern "C" void nrt_arg_declare(const char *name, int64_t len) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.strict = true;
  noteAsked(s, std::string(name, len > 0 ? static_cast<size_t>(len) : 0), "");
}

extern "C" void _mlir_ciface_nrt_arg_declare(NrtMemRef<char, 1> *name) {
  std::string n = toString(name);
  nrt_arg_declare(n.data(), static_cast<int64_t>(n.size()));
}

/// Records the query and returns the last occurrence of `--name`, if any.
/// Runs the unknown-option check at the first query in strict mode.
static const GivenOption *lookup(ArgState &s, const std::string &name,
                                 const char *kind) {
  noteAsked(s, name, kind);
  if (s.strict && !s.checked)
    checkUnknown(s);
  const GivenOption *found = nullptr;
  for (const GivenOption &g : s.given)
    if (g.name == name)
      found = &g;
  return found;
}

static std::string nameOf(const char *name, int64_t len) {
  return std::string(name ? name : "", len > 0 ? static_cast<size_t>(len) : 0);
}

extern "C" int64_t nrt_arg_i64(const char *nameArg, int64_t len, int64_t dflt) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::string name = nameOf(nameArg, len);
  const GivenOption *g = lookup(s, name, "int");
  if (!g)
    return dflt;
  if (!g->hasValue)
    nrt_fatal("option '--%s' needs an integer value, as in --%s=10 (%s)",
              name.c_str(), name.c_str(), acceptedOptions(s).c_str());
  char *end = nullptr;
  errno = 0;
  long long v = std::strtoll(g->value.c_str(), &end, 10);
  if (g->value.empty() || end != g->value.c_str() + g->value.size() ||
      errno == ERANGE)
    nrt_fatal("option '--%s' expects an integer, found '%s' (%s)", name.c_str(),
              g->value.c_str(), acceptedOptions(s).c_str());
  return v;
}

extern "C" double nrt_arg_f64(const char *nameArg, int64_t len, double dflt) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::string name = nameOf(nameArg, len);
  const GivenOption *g = lookup(s, name, "float");
  if (!g)
    return dflt;
  if (!g->hasValue)
    nrt_fatal("option '--%s' needs a number, as in --%s=0.5 (%s)", name.c_str(),
              name.c_str(), acceptedOptions(s).c_str());
  char *end = nullptr;
  double v = std::strtod(g->value.c_str(), &end);
  if (g->value.empty() || end != g->value.c_str() + g->value.size())
    nrt_fatal("option '--%s' expects a number, found '%s' (%s)", name.c_str(),
              g->value.c_str(), acceptedOptions(s).c_str());
  return v;
}

extern "C" bool nrt_arg_flag(const char *nameArg, int64_t len) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::string name = nameOf(nameArg, len);
  const GivenOption *g = lookup(s, name, "flag");
  if (!g)
    return false;
  if (!g->hasValue)
    return true;
  const std::string &v = g->value;
  if (v == "true" || v == "1" || v == "yes" || v == "on")
    return true;
  if (v == "false" || v == "0" || v == "no" || v == "off")
    return false;
  nrt_fatal("option '--%s' is a flag: write --%s or --%s=true|false, not "
            "'%s' (%s)",
            name.c_str(), name.c_str(), name.c_str(), g->spelling.c_str(),
            acceptedOptions(s).c_str());
}

extern "C" const char *nrt_arg_str(const char *nameArg, int64_t len,
                                   const char *dflt) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::string name = nameOf(nameArg, len);
  const GivenOption *g = lookup(s, name, "string");
  if (!g)
    return dflt;
  if (!g->hasValue)
    nrt_fatal("option '--%s' needs a value, as in --%s=text (%s)", name.c_str(),
              name.c_str(), acceptedOptions(s).c_str());
  return g->value.c_str();
}

extern "C" int64_t nrt_arg_choice(const char *nameArg, int64_t len,
                                  const char *choices, int64_t choicesLen,
                                  const char *dflt, int64_t dfltLen) {
  std::vector<std::string> names;
  std::string all(choices, static_cast<size_t>(choicesLen));
  for (size_t begin = 0; begin <= all.size();) {
    size_t end = all.find(',', begin);
    if (end == std::string::npos)
      end = all.size();
    names.push_back(all.substr(begin, end - begin));
    begin = end + 1;
  }
  std::string fallback(dflt, static_cast<size_t>(dfltLen));
  std::string name = nameOf(nameArg, len);
  std::string value = fallback;
  {
    ArgState &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    const GivenOption *g = lookup(s, name, "string");
    if (g && !g->hasValue)
      nrt_fatal("option '--%s' needs a value, one of: %s", name.c_str(),
                all.c_str());
    if (g)
      value = g->value;
  }
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == value)
      return static_cast<int64_t>(i);
  if (value == fallback)
    nrt_fatal("args.choice: the default '%s' of '--%s' is not one of: %s",
              fallback.c_str(), name.c_str(), all.c_str());
  nrt_fatal("option '--%s' does not accept '%s'; choose one of: %s",
            name.c_str(), value.c_str(), all.c_str());
}

extern "C" void nrt_args_check(void) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  checkUnknown(s);
}

NRT_CIFACE_ALIAS(void, nrt_args_check, (void))

extern "C" int64_t _mlir_ciface_nrt_arg_i64(NrtMemRef<char, 1> *name,
                                            int64_t dflt) {
  std::string n = toString(name);
  return nrt_arg_i64(n.data(), static_cast<int64_t>(n.size()), dflt);
}

extern "C" double _mlir_ciface_nrt_arg_f64(NrtMemRef<char, 1> *name,
                                           double dflt) {
  std::string n = toString(name);
  return nrt_arg_f64(n.data(), static_cast<int64_t>(n.size()), dflt);
}

extern "C" bool _mlir_ciface_nrt_arg_flag(NrtMemRef<char, 1> *name) {
  std::string n = toString(name);
  return nrt_arg_flag(n.data(), static_cast<int64_t>(n.size()));
}

extern "C" void _mlir_ciface_nrt_arg_str(NrtMemRef<char, 1> *result,
                                         NrtMemRef<char, 1> *name,
                                         NrtMemRef<char, 1> *dflt) {
  std::string n = toString(name);
  std::string fallback = toString(dflt);
  const char *value =
      nrt_arg_str(n.data(), static_cast<int64_t>(n.size()), nullptr);
  std::string text = value ? std::string(value) : fallback;
  int64_t size = static_cast<int64_t>(text.size());
  char *buffer = static_cast<char *>(nrt_alloc(size));
  std::memcpy(buffer, text.data(), text.size());
  setResult(result, buffer, &size);
}
