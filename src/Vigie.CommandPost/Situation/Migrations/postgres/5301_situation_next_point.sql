-- The time of the next situation point, announced by the director when taking one (the crisis board shows it).
ALTER TABLE situation_points ADD COLUMN next_point_at_us BIGINT NULL;
