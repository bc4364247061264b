"""The panel's dashboard: inbox figures of the last 24 hours and daily activity in the company's time zone."""
