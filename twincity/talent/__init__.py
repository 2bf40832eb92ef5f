"""Job fairs, vacancies, graduates and applications (issue 3). So far: the matching engine."""
