// The Starlark source of the "assert.star" module the conformance files load. It exports
// `assert` (a module with eq, ne, true, lt, contains, fails, fail) and `freeze`, built on the
// host builtins of assert-module.ts (error, catch, matches, module, _freeze, _floateq), which
// are predeclared for this file only. It runs in the default dialect.
export const ASSERT_STAR = `
_numeric = ["int", "float"]

def _is_float_pair(a, b):
    ta, tb = type(a), type(b)
    return (ta == "float" or tb == "float") and ta in _numeric and tb in _numeric

def _eq(got, want):
    if got == want:
        return
    if _is_float_pair(got, want):
        if not _floateq(float(got), float(want)):
            error("floats: %r != %r (delta > 1 ulp)" % (got, want))
        return
    error("%r != %r" % (got, want))

def _ne(got, unwanted):
    if got == unwanted:
        error("%r == %r" % (got, unwanted))

def _true(cond, msg = "assertion failed"):
    if not cond:
        error(msg)

def _lt(x, y):
    if not (x < y):
        error("%s is not less than %s" % (x, y))

def _contains(container, elem):
    if elem not in container:
        error("%s does not contain %s" % (container, elem))

def _fails(fn, pattern):
    "Reports an error unless calling fn() fails with a message matching pattern."
    msg = catch(fn)
    if msg == None:
        error("evaluation succeeded unexpectedly (want error matching %r)" % pattern)
    elif not matches(pattern, msg):
        error("regular expression (%s) did not match error (%s)" % (pattern, msg))

freeze = _freeze

assert = module(
    "assert",
    fail = error,
    eq = _eq,
    ne = _ne,
    true = _true,
    lt = _lt,
    contains = _contains,
    fails = _fails,
)
`;
