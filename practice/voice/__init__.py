"""Spoken answers, offline: where the speech model is, transcription, and delivery measures.

Only `transcriber` and `microphone` need the optional extra (`practice[voice]`), and they import
it when used, so the rest (the delivery measures, the models stored with a session) works on a
base install.
"""
