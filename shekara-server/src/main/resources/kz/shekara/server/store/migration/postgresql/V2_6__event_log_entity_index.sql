-- After-action review reads one incident, alert, track or unit back from the log by its id.
CREATE INDEX event_log_entity ON event_log (entity, topic, time_ns);
