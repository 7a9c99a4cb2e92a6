"""The pygame front-end; the only package allowed to import pygame (issue #4)."""
