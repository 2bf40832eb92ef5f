"""The public read API: what the site shows, for partners' systems."""

from ninja import Router

router = Router()
