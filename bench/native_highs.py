#!/usr/bin/env python3
"""Time native HiGHS (the one bundled with SciPy) on an MPS file written by src/simulation/solvers/mps.ts.

Two measurements, both on the same model:
  linprog  scipy.optimize.linprog(method=...) on the arrays parsed from the MPS file. linprog only
           takes A_ub x <= b_ub and A_eq x = b_eq, so >= rows are negated into A_ub (our models
           have no ranged rows; a ranged row is split in two).
  direct   SciPy's private HiGHS binding (scipy.optimize._highspy) reading the MPS file itself:
           the identical model, row order and two-sided rows that the WASM build receives.
Only the solve call is timed. Prints one JSON object on stdout.

usage: python3 bench/native_highs.py model.mps [--repeats 5] [--method highs-ds]
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


def parse_free_mps(path):
    rows = []  # (name, type)
    row_index = {}
    objective_row = None
    cols = {}
    col_order = []
    entries_r, entries_c, entries_v = [], [], []
    cost = {}
    rhs = {}
    ranges = {}
    bounds = {}
    integer_cols = set()
    objective_offset = 0.0
    section = None
    in_integer_block = False
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith('*'):
                continue
            if not raw[0].isspace():
                section = line.split()[0]
                continue
            parts = line.split()
            if section == 'ROWS':
                kind, name = parts[0], parts[1]
                if kind == 'N':
                    if objective_row is None:
                        objective_row = name
                    continue
                row_index[name] = len(rows)
                rows.append((name, kind))
            elif section == 'COLUMNS':
                if len(parts) >= 3 and parts[1] == "'MARKER'":
                    in_integer_block = parts[2] == "'INTORG'"
                    continue
                name = parts[0]
                if name not in cols:
                    cols[name] = len(col_order)
                    col_order.append(name)
                    if in_integer_block:
                        integer_cols.add(name)
                j = cols[name]
                for k in range(1, len(parts) - 1, 2):
                    rname, value = parts[k], float(parts[k + 1])
                    if rname == objective_row:
                        cost[j] = value
                    else:
                        entries_r.append(row_index[rname])
                        entries_c.append(j)
                        entries_v.append(value)
            elif section == 'RHS':
                for k in range(1, len(parts) - 1, 2):
                    rname, value = parts[k], float(parts[k + 1])
                    if rname == objective_row:
                        objective_offset = -value
                    else:
                        rhs[row_index[rname]] = value
            elif section == 'RANGES':
                for k in range(1, len(parts) - 1, 2):
                    ranges[row_index[parts[k]]] = float(parts[k + 1])
            elif section == 'BOUNDS':
                kind, name = parts[0], parts[2]
                j = cols[name]
                lo, up = bounds.get(j, (0.0, np.inf))
                value = float(parts[3]) if len(parts) > 3 else None
                if kind == 'UP':
                    up = value
                elif kind == 'LO':
                    lo = value
                elif kind == 'FX':
                    lo = up = value
                elif kind == 'FR':
                    lo, up = -np.inf, np.inf
                elif kind == 'MI':
                    lo = -np.inf
                elif kind == 'PL':
                    up = np.inf
                elif kind == 'BV':
                    lo, up = 0.0, 1.0
                    integer_cols.add(name)
                else:
                    raise ValueError(f'unsupported bound type {kind}')
                bounds[j] = (lo, up)
    m, n = len(rows), len(col_order)
    row_lower = np.empty(m)
    row_upper = np.empty(m)
    for i, (_, kind) in enumerate(rows):
        b = rhs.get(i, 0.0)
        r = ranges.get(i)
        if kind == 'E':
            lo = up = b
            if r is not None:
                lo, up = (b, b + r) if r > 0 else (b + r, b)
        elif kind == 'L':
            lo, up = (-np.inf, b) if r is None else (b - abs(r), b)
        elif kind == 'G':
            lo, up = (b, np.inf) if r is None else (b, b + abs(r))
        else:
            raise ValueError(f'unsupported row type {kind}')
        row_lower[i], row_upper[i] = lo, up
    c = np.zeros(n)
    for j, v in cost.items():
        c[j] = v
    col_lower = np.zeros(n)
    col_upper = np.full(n, np.inf)
    for j, (lo, up) in bounds.items():
        col_lower[j], col_upper[j] = lo, up
    A = csr_matrix((entries_v, (entries_r, entries_c)), shape=(m, n))
    integrality = np.array([1 if name in integer_cols else 0 for name in col_order])
    return dict(c=c, A=A, row_lower=row_lower, row_upper=row_upper, col_lower=col_lower,
                col_upper=col_upper, integrality=integrality, offset=objective_offset)


def linprog_form(model):
    """Split two-sided rows into linprog's A_ub / A_eq form."""
    A, lo, up = model['A'], model['row_lower'], model['row_upper']
    eq = lo == up
    ub_rows, ub_rhs, ub_sign = [], [], []
    for i in np.flatnonzero(~eq):
        if np.isfinite(up[i]):
            ub_rows.append(i); ub_rhs.append(up[i]); ub_sign.append(1.0)
        if np.isfinite(lo[i]):
            ub_rows.append(i); ub_rhs.append(-lo[i]); ub_sign.append(-1.0)
    A_ub = A[ub_rows].multiply(np.array(ub_sign)[:, None]).tocsr() if ub_rows else None
    eq_rows = np.flatnonzero(eq)
    return dict(
        A_ub=A_ub, b_ub=np.array(ub_rhs) if ub_rows else None,
        A_eq=A[eq_rows] if len(eq_rows) else None, b_eq=lo[eq_rows] if len(eq_rows) else None,
        bounds=np.column_stack([model['col_lower'], model['col_upper']]),
    )


def time_linprog(model, method, repeats, time_limit):
    form = linprog_form(model)
    times, result = [], None
    integrality = model['integrality'] if model['integrality'].any() else None
    for _ in range(repeats):
        started = time.perf_counter()
        result = linprog(model['c'], A_ub=form['A_ub'], b_ub=form['b_ub'], A_eq=form['A_eq'], b_eq=form['b_eq'],
                         bounds=form['bounds'], method=method, integrality=integrality,
                         options={'presolve': True, 'time_limit': time_limit, 'disp': False})
        times.append((time.perf_counter() - started) * 1000)
    return dict(
        status=int(result.status), message=str(result.message),
        objective=float(result.fun) + model['offset'] if result.fun is not None else None,
        iterations=int(getattr(result, 'nit', -1) or -1),
        first_ms=times[0], median_ms=statistics.median(times), all_ms=times,
    )


def time_direct(path, repeats, options):
    try:
        from scipy.optimize._highspy import _core
    except ImportError as error:  # private module: absent in some SciPy builds
        return dict(error=str(error))
    times, objective, status, iterations = [], None, None, None
    for _ in range(repeats):
        h = _core._Highs()
        h.setOptionValue('output_flag', False)
        for name, value in options.items():
            h.setOptionValue(name, value)
        h.readModel(path)
        started = time.perf_counter()
        h.run()
        times.append((time.perf_counter() - started) * 1000)
        status = h.modelStatusToString(h.getModelStatus())
        objective = h.getInfo().objective_function_value
        iterations = h.getInfo().simplex_iteration_count
    return dict(status=status, objective=objective, iterations=iterations,
                first_ms=times[0], median_ms=statistics.median(times), all_ms=times,
                highs_version=f'{_core.HIGHS_VERSION_MAJOR}.{_core.HIGHS_VERSION_MINOR}.{_core.HIGHS_VERSION_PATCH}')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('mps')
    parser.add_argument('--repeats', type=int, default=5)
    parser.add_argument('--method', default='highs-ds', help="linprog method: highs, highs-ds, highs-ipm")
    parser.add_argument('--time-limit', type=float, default=600.0)
    args = parser.parse_args()
    started = time.perf_counter()
    model = parse_free_mps(args.mps)
    parse_ms = (time.perf_counter() - started) * 1000
    direct_options = {'presolve': 'on', 'time_limit': args.time_limit}
    if args.method == 'highs-ds':
        direct_options.update(solver='simplex', simplex_strategy=1)
    elif args.method == 'highs-ipm':
        direct_options.update(solver='ipm')
    out = dict(
        scipy_version=scipy.__version__,
        columns=int(model['A'].shape[1]), rows=int(model['A'].shape[0]), nonzeros=int(model['A'].nnz),
        parse_ms=parse_ms,
        linprog=time_linprog(model, args.method, args.repeats, args.time_limit),
        direct=time_direct(args.mps, args.repeats, direct_options),
    )
    json.dump(out, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
