using Bra.Core.Http;
using Bra.Core.Documents;
using Bra.Core.Links;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bra.Core.Consultations;

public static class ConsultationServices
{
    /// <summary>Documents, capability links and consultations: stores, services, routes.</summary>
    public static IServiceCollection AddConsultations(this IServiceCollection services)
    {
        services.AddOptions<LinkOptions>().BindConfiguration(LinkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LinkStore>();
        services.AddSingleton<LinkLimits>();
        services.AddSingleton<LinkResolver>();
        services.AddSingleton<CapabilityLinks>();
        services.TryAddSingleton(new ClientAddress(BehindPlatformFrontEnd: false));
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<DocumentAccess>();
        services.AddSingleton<IRouteSource, DocumentRoutes>();

        services.AddSingleton<ConsultationStore>();
        services.AddSingleton<ConsultationStatus>();
        services.AddSingleton<ConsultationAnswers>();
        services.AddSingleton<ConsulteeLinks>();
        services.AddSingleton<ConsultationForwarding>();
        services.AddSingleton<IValidator<AnswerInput>, AnswerInputValidator>();
        services.AddOptions<ReceiptOptions>().BindConfiguration(ReceiptOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IReceiptSendGate, OpenReceiptGate>();
        services.AddSingleton<ConsultationReceipts>();
        services.AddHostedService<ReceiptDispatcher>();
        services.AddSingleton<ConsultationMailing>();
        services.AddSingleton<ConsultationCloser>();
        services.AddSingleton<IValidator<ConsulteeInput>, ConsulteeInputValidator>();
        services.AddSingleton<IValidator<CreateConsultationInput>, CreateConsultationValidator>();
        services.AddSingleton<IValidator<AddConsulteesInput>, AddConsulteesValidator>();
        services.AddSingleton<IValidator<MoveDeadlineInput>, MoveDeadlineValidator>();
        services.AddSingleton<IValidator<CancelInput>, CancelValidator>();
        services.AddSingleton<IValidator<RegisterResponseInput>, RegisterResponseValidator>();
        services.AddSingleton<IValidator<ForwardInput>, ForwardInputValidator>();
        services.AddSingleton<ConsultationStarter>();
        services.AddSingleton<ConsultationSignals>();
        services.AddSingleton<ConsultationSteering>();
        services.AddSingleton<IRouteSource, ConsultationRoutes>();
        services.AddSingleton<IRouteSource, ConsultationPageRoutes>();
        services.AddSingleton<IRouteSource, NewConsultationPageRoutes>();
        services.AddSingleton<IRouteSource, RespondRoutes>();
        return services;
    }
}
