"""The text stage: read a file, normalize its text, split it into lines and
sentences, and the pattern helpers every later stage uses."""
