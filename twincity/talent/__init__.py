"""Job fairs, vacancies, graduates, applications and interviews; the engine lives in `matching`."""
