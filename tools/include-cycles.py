#!/usr/bin/env python3
"""include-cycles.py: prints the include circles among the core's modules (app/core and
include/serah), so that "no include circle" can be measured rather than hoped for.

A module is one file stem in one domain: app/core/admin/serah-operators.c,
app/core/admin/serah-operators-private.h and include/serah/admin/serah-operators.h are all
"admin/serah-operators". Module A depends on module B when a file of A includes a header of B,
or when a header of A declares a function that B's .c file defines (the header speaks for B:
whoever includes it calls into B). The second kind is what hides a circle from a plain
include graph: serah-operators-private.h declaring the store's operator queries, included by
serah-store-operators.c, makes operators -> store-operators -> operators.

    include-cycles.py [--count] [SRCDIR]

prints every elementary circle (shortest first) and a summary line; with --count only the
number of circles. Exit status 0 either way: tests/check-layers.sh compares the number.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
DEFINITION = re.compile(r'^([a-z_][a-z0-9_]*)\s*\(', re.M)
DECLARATION = re.compile(r'\b(serah_[a-z0-9_]+)\s*\(')
COMMENT = re.compile(r'/\*.*?\*/', re.S)
MAX_LENGTH = 8  # longer circles are not enumerated (they would all contain a shorter one)


def module_of(rel):
    """'app/core/admin/serah-operators-private.h' -> 'admin/serah-operators'."""
    if rel.startswith('app/core/'):
        rel = rel[len('app/core/'):]
    elif rel.startswith('include/serah/'):
        rel = rel[len('include/serah/'):]
    else:
        return None
    stem = os.path.splitext(rel)[0]
    if stem.endswith('-private'):
        stem = stem[:-len('-private')]
    return stem


def load(srcdir):
    files = {}
    for top in ('app/core', 'include/serah'):
        for root, _dirs, names in os.walk(os.path.join(srcdir, top)):
            for name in names:
                if name.endswith(('.c', '.h')):
                    path = os.path.join(root, name)
                    rel = os.path.relpath(path, srcdir)
                    with open(path, encoding='utf-8', errors='replace') as f:
                        files[rel] = COMMENT.sub('', f.read())
    return files


def resolve(rel, inc, files):
    """The file an include names, among the core's files, or None."""
    for cand in (os.path.normpath(os.path.join(os.path.dirname(rel), inc)),
                 os.path.join('app/core', inc),
                 os.path.join('include', inc)):
        if cand in files:
            return cand
    return None


def layer(module):
    """Store files, records headers and domain files are three layers: never one module."""
    stem = module.split('/')[-1]
    if stem.endswith('-records'):
        return 'records'
    if stem.startswith('serah-store') or module.startswith('store/serah-store'):
        return 'store'
    return 'domain'


def owners(files):
    """A .c file that defines functions declared by a header of its own domain and layer,
    and includes that header, is part of the header's module: serah-import-fields.c and
    serah-import-private.h are one module split by concern, not a circle."""
    declared = {}
    for rel, text in files.items():
        if rel.endswith('.h'):
            declared.setdefault(module_of(rel), set()).update(DECLARATION.findall(text))
    owner = {}
    for rel, text in files.items():
        if not rel.endswith('.c'):
            continue
        mine = module_of(rel)
        defined = set(DEFINITION.findall(text))
        for inc in INCLUDE.findall(text):
            target = resolve(rel, inc, files)
            if target is None:
                continue
            other = module_of(target)
            if (other != mine and other.split('/')[0] == mine.split('/')[0] and
                    layer(other) == layer(mine) and defined & declared.get(other, set())):
                owner[rel] = other
                break
    return owner


def graph(srcdir):
    files = load(srcdir)
    owner = owners(files)

    def merged(rel):
        return owner.get(rel) or module_of(rel)

    defined_in = {}
    for rel, text in files.items():
        if rel.endswith('.c'):
            for fn in DEFINITION.findall(text):
                defined_in.setdefault(fn, merged(rel))
    edges = {}
    for rel, text in files.items():
        a = merged(rel)
        edges.setdefault(a, set())
        for inc in INCLUDE.findall(text):
            target = resolve(rel, inc, files)
            if target is not None and merged(target) != a:
                edges[a].add(merged(target))
        if rel.endswith('.h'):
            for fn in set(DECLARATION.findall(text)):
                b = defined_in.get(fn)
                if b is not None and b != a:
                    edges[a].add(b)
    return edges


def circles(edges):
    """Elementary circles up to MAX_LENGTH, each once, starting at its smallest module."""
    found = []
    nodes = sorted(edges)
    for start in nodes:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    found.append(path)
                elif nxt > start and nxt not in path and len(path) < MAX_LENGTH:
                    stack.append((nxt, path + [nxt]))
    found.sort(key=lambda c: (len(c), c))
    return found


def main(argv):
    count_only = '--count' in argv
    args = [a for a in argv if a != '--count']
    srcdir = args[0] if args else '.'
    found = circles(graph(srcdir))
    if count_only:
        print(len(found))
        return 0
    for c in found:
        print(' -> '.join(c + [c[0]]))
    print('%d include circles (up to %d modules long)' % (len(found), MAX_LENGTH))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
