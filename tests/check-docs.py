#!/usr/bin/env python3
# check-docs.py: every public function of libserah-core is documented (the meson test
# 'check-docs', suite data, TAP output).
#
# The public API is what include/serah/**/*.h declares; its documentation lives in the
# header, in a gi-docgen block right above the declaration (one place, so this check and a
# reader both find it without hunting through app/core):
#
#   /**
#    * serah_participants_get:
#    * @store: the register's database
#    * ...
#    * Returns: (transfer full) (nullable): ...
#    */
#
# A function passes when such a block names it, and, if it returns a pointer, when the
# block says who owns the result with a "(transfer ...)" annotation. Without this check a
# new function slips in undocumented and nobody knows who frees what it returns.
#
#   check-docs.py SRCDIR [--list]     (--list prints every public function and its state)
import os
import re
import sys

srcdir = sys.argv[1] if len(sys.argv) > 1 else '.'
listing = '--list' in sys.argv[2:]

DECL = re.compile(r'^([A-Za-z_][\w \t\*]*?[\s\*])(serah_[a-z0-9_]+)\s*\(', re.M)
BLOCK = re.compile(r'/\*\*(.*?)\*/', re.S)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
NAME = re.compile(r'^\s*\*\s*(serah_[a-z0-9_]+):\s*$', re.M)


def blank_comments(text):
    # Keep offsets stable: replace each comment by spaces/newlines of the same length.
    return COMMENT.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text)


def public_functions(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    docs = {}
    for m in BLOCK.finditer(text):
        n = NAME.search(m.group(1))
        if n:
            docs[n.group(1)] = m.group(1)
    code = blank_comments(text)
    # Only top-level declarations ending with ';' (prototypes, not macros or typedefs).
    for m in DECL.finditer(code):
        ret = m.group(1)
        if re.search(r'\b(typedef|define|return|G_DECLARE_\w+)\b', ret) or ret.strip() == '':
            continue
        line_start = code.rfind('\n', 0, m.start()) + 1
        if code[line_start:m.start()].strip():
            continue
        end = code.find(';', m.end())
        brace = code.find('{', m.end())
        if end < 0 or (0 <= brace < end):
            continue
        yield m.group(2), ' '.join(ret.split()), docs.get(m.group(2))


headers = []
for root, _dirs, files in os.walk(os.path.join(srcdir, 'include', 'serah')):
    headers += [os.path.join(root, f) for f in files if f.endswith('.h')]
headers.sort()

problems = []
total = 0
for h in headers:
    rel = os.path.relpath(h, srcdir)
    for name, ret, doc in public_functions(h):
        total += 1
        state = 'ok'
        if doc is None:
            state = 'no doc block'
        elif '*' in ret and '(transfer' not in doc:
            state = 'returns a pointer but says no (transfer ...)'
        if state != 'ok':
            problems.append(f'{rel}: {name}: {state}')
        if listing:
            print(f'{rel}\t{ret}\t{name}\t{state}')

if listing:
    sys.exit(0)

print('1..2')
ok = total > 0
print(('ok' if ok else 'not ok') + f' 1 - found the public functions of include/serah ({total})')
if not problems:
    print('ok 2 - every public function has a gi-docgen block; pointer results say their transfer')
else:
    print('not ok 2 - every public function has a gi-docgen block; pointer results say their transfer')
    for p in problems:
        print('# ' + p)
    print(f'# {len(problems)} of {total} public functions')
    print('# write the block above the declaration in the header (include/serah/README.md)')
sys.exit(0 if ok and not problems else 1)
