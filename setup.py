"""Only the compiled inner loop of the trip planner; everything else is in pyproject.toml.

``optional=True``: where no C compiler is found the install still succeeds and the planner runs
its pure-Python search (slower, same answers' format)."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "twincity.tourism.planner._optw",
            ["twincity/tourism/planner/_optw.c"],
            extra_compile_args=["-O2"],
            optional=True,
        )
    ]
)
