"""The project folder the comms team's scripts work in (the publishing core, `lscp_kit`, is
installed into .venv by `make site`)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
