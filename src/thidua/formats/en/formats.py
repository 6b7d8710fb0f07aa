# English UI keeps the Vietnamese formats (dates dd/mm/yyyy, thousands ".") of the data.
from thidua.formats.vi.formats import *  # noqa: F403
