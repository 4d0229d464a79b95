"""`python -m speciosa.cli`, the same as the `speciosa` command."""

from speciosa.cli import main

main()
