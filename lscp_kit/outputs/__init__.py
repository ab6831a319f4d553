"""What the build writes: page views, feeds, calendars, open data, report, summary."""
