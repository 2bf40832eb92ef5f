"""Bilingual text analysis shared by search and matching: Chinese word segmentation."""
