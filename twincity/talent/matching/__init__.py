"""The talent matching engine: pure Python, no Django (it must stay importable without it).

- `stable`: the graduate-optimal stable assignment of a fair (deferred acceptance).
- `scoring`: explainable scores between a graduate and a vacancy.
"""
