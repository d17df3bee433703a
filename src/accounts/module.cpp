#include "accounts/module.hpp"

#include "accounts/outbox.hpp"
#include "accounts/web.hpp"
#include "platform/mail/smtp.hpp"

namespace mc::accounts {

void install(app::App& app) {
    install_gate(app);
    install_auth_pages(app);
    install_password_pages(app);
    install_profile_pages(app);
    install_demographics_pages(app);
    install_admin_pages(app);
    install_notification_pages(app);
    install_api(app);
    if (!app.mailer) {
        app.mailer = std::make_shared<mail::SmtpMailer>(mail::SmtpSettings{
            .host = app.config.smtp_host, .port = app.config.smtp_port, .from = app.config.mail_from});
    }
}

void start_background(app::App& app) { start_outbox_sender(app); }
void stop_background(app::App& app) { stop_outbox_sender(app); }

} // namespace mc::accounts
