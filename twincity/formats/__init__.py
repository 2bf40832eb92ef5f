"""One way of writing dates and numbers per language (FORMAT_MODULE_PATH in settings).

Django's own English formats write "Oct. 15, 2027, 9 a.m." and its Chinese ones offer
"2026/12/06" to a date input, which a browser's date input cannot show (it needs ISO). The
site writes "15 Oct 2027, 09:00" and "2027年10月15日 09:00" on pages, and ISO in inputs.
"""
