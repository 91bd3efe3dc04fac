//! The rules of the one-stop-shop workflow that are not SQL: dossier codes and due dates.

use time::{Date, Duration, Weekday};

/// Thừa Thiên Huế's code in the national public-service system, which opens its dossier codes.
pub const PROVINCE_CODE: &str = "H57";

/// `H57.HT-261123-0007`: province, the procedure's field prefix, the day of receipt, and the
/// dossier's number that day.
pub fn dossier_code(procedure_id: &str, day: Date, number_of_day: u32) -> String {
    format!("{}{number_of_day:04}", code_prefix(procedure_id, day))
}

/// The part of a code every dossier of that field and day shares: `H57.HT-261123-`.
pub fn code_prefix(procedure_id: &str, day: Date) -> String {
    let field = procedure_id.split('-').next().unwrap_or("HS");
    format!(
        "{PROVINCE_CODE}.{field}-{:02}{:02}{:02}-",
        day.year() % 100,
        u8::from(day.month()),
        day.day()
    )
}

/// The day a dossier is due: `working_days` after `received`, skipping Saturdays and Sundays.
/// Public holidays are not counted out yet (they need the government's yearly calendar).
pub fn due_date(received: Date, working_days: u32) -> Date {
    let mut day = received;
    let mut left = working_days;
    while left > 0 {
        day += Duration::days(1);
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn codes_name_the_province_field_day_and_number() {
        assert_eq!(
            dossier_code("HT-001", date!(2026 - 11 - 23), 7),
            "H57.HT-261123-0007"
        );
    }

    #[test]
    fn due_dates_skip_weekends() {
        // Friday + 3 working days = Wednesday.
        assert_eq!(due_date(date!(2026 - 11 - 20), 3), date!(2026 - 11 - 25));
        assert_eq!(due_date(date!(2026 - 11 - 23), 0), date!(2026 - 11 - 23));
        // Saturday + 1 = Monday.
        assert_eq!(due_date(date!(2026 - 11 - 21), 1), date!(2026 - 11 - 23));
    }
}
