"""The talent matching engine: pure Python, no Django (it must stay importable without it).

- `stable`: the graduate-optimal stable assignment of a fair (deferred acceptance).
- `scoring`: explainable scores between a graduate and a vacancy.
- `stable_arrays`: the same stable matching over integer ids in NumPy, for a million graduates.
- `batch_scoring`: `scoring`'s totals and top-k recommendations for many graduates at once.
"""
