"""Places: gazetteer lookup of countries, provinces, districts, cities and sites named in a report."""
