//===- Args.cpp - Program options -----------------------------------------===//
//
// `--name=value` / `--name value` options for compiled programs, looked up
// by name when the program asks, and checked (with `--help`) before the
// program runs against the options the compiler declares. nrt.h documents
// exactly when each check runs.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
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

/// An option declared with its kind before the program runs
/// (`nrt_arg_declare_*`), checked by `nrt_args_validate` and listed by
/// `--help`.
struct DeclaredOption {
  std::string name;
  std::string kind; ///< "int", "float", "flag" or "choice"
  bool hasDefault = false;
  std::string defaultText; ///< as `--help` shows it
  std::string choices;     ///< comma-separated, for a choice
};

struct ArgState {
  std::mutex mutex;
  std::vector<GivenOption> given;
  std::vector<AskedOption> asked;
  std::vector<DeclaredOption> declared;
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
  s.declared.clear();
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

//===----------------------------------------------------------------------===//
// Values: one parser per kind, shared by the queries and nrt_args_validate
//===----------------------------------------------------------------------===//

/// The number in `g`, read by `parse(text, &end)`; a missing value, or one
/// that is not all a number (or, with `rangeChecked`, out of range), is an
/// error. `kind` and `example` say what the option takes.
template <typename T, typename Parse>
static T numberValue(const ArgState &s, const std::string &name,
                     const GivenOption &g, const char *kind,
                     const char *valueKind, const char *example,
                     bool rangeChecked, Parse parse) {
  if (!g.hasValue)
    nrt_fatal("option '--%s' needs %s, as in --%s=%s (%s)", name.c_str(),
              valueKind, name.c_str(), example, acceptedOptions(s).c_str());
  char *end = nullptr;
  errno = 0;
  T v = parse(g.value.c_str(), &end);
  if (g.value.empty() || end != g.value.c_str() + g.value.size() ||
      (rangeChecked && errno == ERANGE))
    nrt_fatal("option '--%s' expects %s, found '%s' (%s)", name.c_str(), kind,
              g.value.c_str(), acceptedOptions(s).c_str());
  return v;
}

/// The integer value of `g`; a missing or malformed value is an error.
static int64_t intValue(const ArgState &s, const std::string &name,
                        const GivenOption &g) {
  return numberValue<int64_t>(
      s, name, g, "an integer", "an integer value", "10",
      /*rangeChecked=*/true,
      [](const char *text, char **end) { return std::strtoll(text, end, 10); });
}

/// The floating-point value of `g`; a missing or malformed value is an error.
static double floatValue(const ArgState &s, const std::string &name,
                         const GivenOption &g) {
  return numberValue<double>(
      s, name, g, "a number", "a number", "0.5", /*rangeChecked=*/false,
      [](const char *text, char **end) { return std::strtod(text, end); });
}

/// Whether the flag `g` is set; a value other than true/false is an error.
static bool flagValue(const ArgState &s, const std::string &name,
                      const GivenOption &g) {
  if (!g.hasValue)
    return true;
  const std::string &v = g.value;
  if (v == "true" || v == "1" || v == "yes" || v == "on")
    return true;
  if (v == "false" || v == "0" || v == "no" || v == "off")
    return false;
  nrt_fatal("option '--%s' is a flag: write --%s or --%s=true|false, not "
            "'%s' (%s)",
            name.c_str(), name.c_str(), name.c_str(), g.spelling.c_str(),
            acceptedOptions(s).c_str());
}

/// The position of `value` in the comma-separated list `choices`, or -1.
static int64_t choicePosition(const std::string &choices,
                              const std::string &value) {
  int64_t position = 0;
  for (size_t begin = 0; begin <= choices.size(); ++position) {
    size_t end = choices.find(',', begin);
    if (end == std::string::npos)
      end = choices.size();
    if (choices.compare(begin, end - begin, value) == 0)
      return position;
    begin = end + 1;
  }
  return -1;
}

/// The value of the choice `g`; a missing value is an error.
static const std::string &choiceValue(const std::string &name,
                                      const std::string &choices,
                                      const GivenOption &g) {
  if (!g.hasValue)
    nrt_fatal("option '--%s' needs a value, one of: %s", name.c_str(),
              choices.c_str());
  return g.value;
}

[[noreturn]] static void rejectChoice(const std::string &name,
                                      const std::string &choices,
                                      const std::string &value) {
  nrt_fatal("option '--%s' does not accept '%s'; choose one of: %s",
            name.c_str(), value.c_str(), choices.c_str());
}

//===----------------------------------------------------------------------===//
// Queries
//===----------------------------------------------------------------------===//

/// The option `nameArg` read by `read(state, name, given)` under the lock,
/// or `dflt` when it is not given; `kind` names what it takes in messages.
template <typename T, typename Read>
static T queryOption(const char *nameArg, int64_t len, const char *kind, T dflt,
                     Read read) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::string name = nameOf(nameArg, len);
  const GivenOption *g = lookup(s, name, kind);
  return g ? read(s, name, *g) : dflt;
}

extern "C" int64_t nrt_arg_i64(const char *nameArg, int64_t len, int64_t dflt) {
  return queryOption<int64_t>(nameArg, len, "int", dflt, intValue);
}

extern "C" double nrt_arg_f64(const char *nameArg, int64_t len, double dflt) {
  return queryOption<double>(nameArg, len, "float", dflt, floatValue);
}

extern "C" bool nrt_arg_flag(const char *nameArg, int64_t len) {
  return queryOption<bool>(nameArg, len, "flag", false, flagValue);
}

extern "C" const char *nrt_arg_str(const char *nameArg, int64_t len,
                                   const char *dflt) {
  return queryOption<const char *>(
      nameArg, len, "string", dflt,
      [](const ArgState &s, const std::string &name, const GivenOption &g) {
        if (!g.hasValue)
          nrt_fatal("option '--%s' needs a value, as in --%s=text (%s)",
                    name.c_str(), name.c_str(), acceptedOptions(s).c_str());
        return g.value.c_str();
      });
}

extern "C" int64_t nrt_arg_choice(const char *nameArg, int64_t len,
                                  const char *choices, int64_t choicesLen,
                                  const char *dflt, int64_t dfltLen) {
  std::string all = nameOf(choices, choicesLen);
  std::string fallback = nameOf(dflt, dfltLen);
  std::string name = nameOf(nameArg, len);
  std::string value = fallback;
  {
    ArgState &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (const GivenOption *g = lookup(s, name, "string"))
      value = choiceValue(name, all, *g);
  }
  int64_t position = choicePosition(all, value);
  if (position >= 0)
    return position;
  if (value == fallback)
    nrt_fatal("args.choice: the default '%s' of '--%s' is not one of: %s",
              fallback.c_str(), name.c_str(), all.c_str());
  rejectChoice(name, all, value);
}

extern "C" void nrt_args_check(void) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  checkUnknown(s);
}

NRT_CIFACE_ALIAS(void, nrt_args_check, (void))

//===----------------------------------------------------------------------===//
// Declarations and the check before the program runs
//===----------------------------------------------------------------------===//

/// Records a declaration. One with the same name, kind and choices as an
/// earlier one but another default merges into it, its default then
/// depending on where the program reads the option.
static void declare(DeclaredOption option) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.strict = true;
  noteAsked(s, option.name,
            option.kind == "choice" ? std::string("string") : option.kind);
  for (DeclaredOption &d : s.declared)
    if (d.name == option.name && d.kind == option.kind &&
        d.choices == option.choices) {
      if (d.hasDefault != option.hasDefault ||
          d.defaultText != option.defaultText) {
        d.hasDefault = false;
        d.defaultText.clear();
      }
      return;
    }
  s.declared.push_back(std::move(option));
}

extern "C" void nrt_arg_declare_i64(const char *name, int64_t len,
                                    int64_t dflt) {
  declare({nameOf(name, len), "int", true, std::to_string(dflt), ""});
}

/// The shortest text that reads back as `v`.
static std::string formatDouble(double v) {
  char buffer[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, v);
    if (std::strtod(buffer, nullptr) == v)
      break;
  }
  return buffer;
}

extern "C" void nrt_arg_declare_f64(const char *name, int64_t len,
                                    double dflt) {
  declare({nameOf(name, len), "float", true, formatDouble(dflt), ""});
}

extern "C" void nrt_arg_declare_flag(const char *name, int64_t len) {
  declare({nameOf(name, len), "flag", true, "false", ""});
}

extern "C" void nrt_arg_declare_choice(const char *name, int64_t len,
                                       const char *choices, int64_t choicesLen,
                                       const char *dflt, int64_t dfltLen) {
  declare({nameOf(name, len), "choice", true, nameOf(dflt, dfltLen),
           nameOf(choices, choicesLen)});
}

extern "C" void nrt_arg_declare_computed(const char *name, int64_t len,
                                         const char *kind, int64_t kindLen) {
  std::string k = nameOf(kind, kindLen);
  if (k != "int" && k != "float")
    nrt_fatal("nrt_arg_declare_computed: unknown kind '%s'", k.c_str());
  declare({nameOf(name, len), k, false, "", ""});
}

/// The edit distance of `a` and `b`, counting a swap of neighbours as one
/// edit (optimal string alignment).
static size_t editDistance(const std::string &a, const std::string &b) {
  std::vector<std::vector<size_t>> d(a.size() + 1,
                                     std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

/// The known option closest to `name`, if one is close enough to be a typo:
/// at most one edit in three characters (and always one).
static const AskedOption *closestOption(const ArgState &s,
                                        const std::string &name) {
  const AskedOption *best = nullptr;
  size_t bestDistance = 0;
  for (const AskedOption &a : s.asked) {
    size_t distance = editDistance(name, a.name);
    size_t limit =
        std::max<size_t>(1, std::max(name.size(), a.name.size()) / 3);
    if (distance <= limit && (!best || distance < bestDistance)) {
      best = &a;
      bestDistance = distance;
    }
  }
  return best;
}

/// Prints every declared option with its kind and default on stdout.
static void printHelp(const ArgState &s) {
  std::vector<const DeclaredOption *> options;
  for (const DeclaredOption &d : s.declared)
    options.push_back(&d);
  // By name; options of one name in the order they were declared.
  std::sort(options.begin(), options.end(),
            [](const DeclaredOption *a, const DeclaredOption *b) {
              return a->name != b->name ? a->name < b->name : a < b;
            });
  std::vector<std::pair<std::string, std::string>> rows;
  for (const DeclaredOption *d : options) {
    std::string left = "--" + d->name;
    std::string right;
    if (d->kind == "flag") {
      right = "flag";
    } else {
      left += "=<" + d->kind + ">";
      if (d->kind == "choice") {
        right = "one of: ";
        for (char c : d->choices)
          right += c == ',' ? std::string(", ") : std::string(1, c);
        right += "; ";
      }
      right += d->hasDefault ? "default: " + d->defaultText
                             : std::string("default: computed by the program");
    }
    rows.push_back({left, right});
  }
  rows.push_back({"--help", "print this list and exit"});
  size_t width = 0;
  for (const auto &row : rows)
    width = std::max(width, row.first.size());
  std::printf("options (--name=value or --name value):\n");
  for (const auto &row : rows)
    std::printf("  %-*s  %s\n", static_cast<int>(width), row.first.c_str(),
                row.second.c_str());
  std::fflush(stdout);
}

extern "C" void nrt_args_validate(void) {
  ArgState &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.strict = true;
  s.checked = true;
  bool helpDeclared = false;
  for (const AskedOption &a : s.asked)
    helpDeclared |= a.name == "help";
  if (!helpDeclared)
    for (const GivenOption &g : s.given)
      if (g.name == "help") {
        printHelp(s);
        std::exit(0);
      }
  for (const GivenOption &g : s.given) {
    bool known = false;
    for (const AskedOption &a : s.asked)
      known |= a.name == g.name;
    if (!known) {
      if (const AskedOption *close = closestOption(s, g.name))
        nrt_fatal("unknown option '--%s'; did you mean '--%s'?", g.name.c_str(),
                  close->name.c_str());
      nrt_fatal("unknown option '--%s' (%s)", g.name.c_str(),
                acceptedOptions(s).c_str());
    }
    for (const DeclaredOption &d : s.declared) {
      if (d.name != g.name)
        continue;
      if (d.kind == "int")
        intValue(s, g.name, g);
      else if (d.kind == "float")
        floatValue(s, g.name, g);
      else if (d.kind == "flag")
        flagValue(s, g.name, g);
      else if (choicePosition(d.choices, choiceValue(g.name, d.choices, g)) < 0)
        rejectChoice(g.name, d.choices, g.value);
    }
  }
}

NRT_CIFACE_ALIAS(void, nrt_args_validate, (void))

/// The scalar in a rank-0 memref.
template <typename T> static T scalarOf(const NrtMemRef<T, 0> *m) {
  return m->aligned[m->offset];
}

extern "C" void _mlir_ciface_nrt_args_declare_int(NrtMemRef<char, 1> *name,
                                                  NrtMemRef<int64_t, 0> *dflt) {
  std::string n = toString(name);
  nrt_arg_declare_i64(n.data(), static_cast<int64_t>(n.size()), scalarOf(dflt));
}

extern "C" void
_mlir_ciface_nrt_args_declare_float(NrtMemRef<char, 1> *name,
                                    NrtMemRef<double, 0> *dflt) {
  std::string n = toString(name);
  nrt_arg_declare_f64(n.data(), static_cast<int64_t>(n.size()), scalarOf(dflt));
}

extern "C" void _mlir_ciface_nrt_args_declare_flag(NrtMemRef<char, 1> *name) {
  std::string n = toString(name);
  nrt_arg_declare_flag(n.data(), static_cast<int64_t>(n.size()));
}

extern "C" void
_mlir_ciface_nrt_args_declare_choice(NrtMemRef<char, 1> *name,
                                     NrtMemRef<char, 1> *choices,
                                     NrtMemRef<char, 1> *dflt) {
  std::string n = toString(name), c = toString(choices), d = toString(dflt);
  nrt_arg_declare_choice(n.data(), static_cast<int64_t>(n.size()), c.data(),
                         static_cast<int64_t>(c.size()), d.data(),
                         static_cast<int64_t>(d.size()));
}

extern "C" void
_mlir_ciface_nrt_args_declare_computed(NrtMemRef<char, 1> *name,
                                       NrtMemRef<char, 1> *kind) {
  std::string n = toString(name), k = toString(kind);
  nrt_arg_declare_computed(n.data(), static_cast<int64_t>(n.size()), k.data(),
                           static_cast<int64_t>(k.size()));
}

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
