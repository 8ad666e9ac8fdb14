"""Document structure: the dateline and agency credit read as metadata (place, date, outlet), never as actors."""
