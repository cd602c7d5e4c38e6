import { AccessCheckinRequestedV1 } from './access.checkin.requested.v1/message';
import { AccessGatewayOpenCourtV1 } from './access-gateway.open-court.v1/message';
import { AccessGatewayOpenCourtResultV1 } from './access-gateway.open-court.result.v1/message';
import { PaymentsGetWalletV1 } from './payments.get-wallet.v1/message';
import { PaymentsGetWalletResultV1 } from './payments.get-wallet.result.v1/message';
import { PaymentsConsumptionSettledV1 } from './payments.consumption.settled.v1/message';
import { AccessCheckinCompletedV1 } from './access.checkin.completed.v1/message';
import { AccessCheckinRejectedV1 } from './access.checkin.rejected.v1/message';
import { AccessCheckinFailedV1 } from './access.checkin.failed.v1/message';
import { AccessCheckinNeedsAttentionV1 } from './access.checkin.needs-attention.v1/message';
import { AccessSessionStartedV1 } from './access.session.started.v1/message';
import { AccessSessionEndedV1 } from './access.session.ended.v1/message';
import { AccessBookingCreatedV1 } from './access.booking.created.v1/message';
import { AccessBookingRescheduledV1 } from './access.booking.rescheduled.v1/message';
import { AccessBookingCancelledV1 } from './access.booking.cancelled.v1/message';
import { PaymentsCreditReservedV1 } from './payments.credit.reserved.v1/message';
import { PaymentsCreditCommittedV1 } from './payments.credit.committed.v1/message';
import { PaymentsCreditReleasedV1 } from './payments.credit.released.v1/message';
import { PaymentsWalletToppedUpV1 } from './payments.wallet.topped-up.v1/message';
import { PaymentsPaymentSucceededV1 } from './payments.payment.succeeded.v1/message';
import { PaymentsPaymentFailedV1 } from './payments.payment.failed.v1/message';
import { IotRfidScannedV1 } from './iot.rfid.scanned.v1/message';
import { IotButtonPressedV1 } from './iot.button.pressed.v1/message';
import { PaymentsReserveCreditV1 } from './payments.reserve-credit.v1/message';
import { PaymentsReserveCreditResultV1 } from './payments.reserve-credit.result.v1/message';
import { PaymentsCommitCreditV1 } from './payments.commit-credit.v1/message';
import { PaymentsCommitCreditResultV1 } from './payments.commit-credit.result.v1/message';
import { PaymentsReleaseCreditV1 } from './payments.release-credit.v1/message';
import { PaymentsReleaseCreditResultV1 } from './payments.release-credit.result.v1/message';
import { PaymentsChargeTopUpV1 } from './payments.charge-top-up.v1/message';
import { PaymentsChargeTopUpResultV1 } from './payments.charge-top-up.result.v1/message';
import { IotBridgeRegisterDeviceV1 } from './iot-bridge.register-device.v1/message';
import { IotBridgeRegisterDeviceResultV1 } from './iot-bridge.register-device.result.v1/message';
import { IotBridgeListDevicesV1 } from './iot-bridge.list-devices.v1/message';
import { IotBridgeListDevicesResultV1 } from './iot-bridge.list-devices.result.v1/message';
import { IotCourtCheckinRequestedV1 } from './iot.court.checkin-requested.v1/message';
import { IotCourtCheckoutRequestedV1 } from './iot.court.checkout-requested.v1/message';
import { IotDeviceStatusChangedV1 } from './iot.device.status-changed.v1/message';
import { AccessRfidScanRefusedV1 } from './access.rfid-scan.refused.v1/message';
import { AccessRfidScanRefusedV2 } from './access.rfid-scan.refused.v2/message';
import { AccessPanelRequestRefusedV1 } from './access.panel-request.refused.v1/message';
import { PaymentsCreateTopUpV1 } from './payments.create-top-up.v1/message';
import { PaymentsCreateTopUpResultV1 } from './payments.create-top-up.result.v1/message';
import { PaymentsGetPaymentV1 } from './payments.get-payment.v1/message';
import { PaymentsGetPaymentResultV1 } from './payments.get-payment.result.v1/message';
import { PaymentsSavePaymentMethodV1 } from './payments.save-payment-method.v1/message';
import { PaymentsSavePaymentMethodResultV1 } from './payments.save-payment-method.result.v1/message';
import { PaymentsPaymentRefundedV1 } from './payments.payment.refunded.v1/message';
import { NotificationsSendDeliveryV1 } from './notifications.send-delivery.v1/message';
import { NotificationsDeliverySentV1 } from './notifications.delivery.sent.v1/message';
import { NotificationsDeliveryFellBackV1 } from './notifications.delivery.fell-back.v1/message';
import { NotificationsDeliveryFailedV1 } from './notifications.delivery.failed.v1/message';
import { NotificationsGetPreferencesV1 } from './notifications.get-preferences.v1/message';
import { NotificationsGetPreferencesResultV1 } from './notifications.get-preferences.result.v1/message';
import { NotificationsSetPreferencesV1 } from './notifications.set-preferences.v1/message';
import { NotificationsSetPreferencesResultV1 } from './notifications.set-preferences.result.v1/message';
import { NotificationsProcessWebhookV1 } from './notifications.process-webhook.v1/message';
import { NotificationsDeliveryDeliveredV1 } from './notifications.delivery.delivered.v1/message';
import { NotificationsDeliveryReadV1 } from './notifications.delivery.read.v1/message';
import { NotificationsInboundMessageReceivedV1 } from './notifications.inbound-message.received.v1/message';
import { NotificationsListDeliveriesV1 } from './notifications.list-deliveries.v1/message';
import { NotificationsListDeliveriesResultV1 } from './notifications.list-deliveries.result.v1/message';
import { NotificationsSaveTemplateV1 } from './notifications.save-template.v1/message';
import { NotificationsSaveTemplateResultV1 } from './notifications.save-template.result.v1/message';
import { NotificationsListTemplatesV1 } from './notifications.list-templates.v1/message';
import { NotificationsListTemplatesResultV1 } from './notifications.list-templates.result.v1/message';
import { NotificationsExportMemberDataV1 } from './notifications.export-member-data.v1/message';
import { NotificationsExportMemberDataResultV1 } from './notifications.export-member-data.result.v1/message';
import { NotificationsEraseMemberDataV1 } from './notifications.erase-member-data.v1/message';
import { NotificationsEraseMemberDataResultV1 } from './notifications.erase-member-data.result.v1/message';
import { NotificationsStartAnnouncementV1 } from './notifications.start-announcement.v1/message';
import { NotificationsGetAnnouncementV1 } from './notifications.get-announcement.v1/message';
import { NotificationsAnnouncementResultV1 } from './notifications.announcement.result.v1/message';
import { NotificationsPlanAnnouncementV1 } from './notifications.plan-announcement.v1/message';
import { NotificationsSaveProviderAccountV1 } from './notifications.save-provider-account.v1/message';
import { NotificationsSaveProviderAccountResultV1 } from './notifications.save-provider-account.result.v1/message';
import { NotificationsListProviderAccountsV1 } from './notifications.list-provider-accounts.v1/message';
import { NotificationsListProviderAccountsResultV1 } from './notifications.list-provider-accounts.result.v1/message';
import { NotificationsDeleteProviderAccountV1 } from './notifications.delete-provider-account.v1/message';
import { NotificationsDeleteProviderAccountResultV1 } from './notifications.delete-provider-account.result.v1/message';
import { CalendarSyncStartConnectionV1 } from './calendar-sync.start-connection.v1/message';
import { CalendarSyncStartConnectionResultV1 } from './calendar-sync.start-connection.result.v1/message';
import { CalendarSyncCompleteConnectionV1 } from './calendar-sync.complete-connection.v1/message';
import { CalendarSyncCompleteConnectionResultV1 } from './calendar-sync.complete-connection.result.v1/message';
import { CalendarSyncListConnectionsV1 } from './calendar-sync.list-connections.v1/message';
import { CalendarSyncListConnectionsResultV1 } from './calendar-sync.list-connections.result.v1/message';
import { CalendarSyncDisconnectV1 } from './calendar-sync.disconnect.v1/message';
import { CalendarSyncDisconnectResultV1 } from './calendar-sync.disconnect.result.v1/message';
import { CalendarSyncResyncConnectionV1 } from './calendar-sync.resync-connection.v1/message';
import { CalendarSyncResyncConnectionResultV1 } from './calendar-sync.resync-connection.result.v1/message';
import { CalendarSyncListUpcomingEventsV1 } from './calendar-sync.list-upcoming-events.v1/message';
import { CalendarSyncListUpcomingEventsResultV1 } from './calendar-sync.list-upcoming-events.result.v1/message';
import { CalendarConnectionConnectedV1 } from './calendar.connection.connected.v1/message';
import { CalendarConnectionBrokenV1 } from './calendar.connection.broken.v1/message';
import { CalendarConnectionDisconnectedV1 } from './calendar.connection.disconnected.v1/message';
import { CalendarLinkRestoredV1 } from './calendar.link.restored.v1/message';
import { NotificationsDeliverySentV2 } from './notifications.delivery.sent.v2/message';
import { NotificationsDeliveryFellBackV2 } from './notifications.delivery.fell-back.v2/message';
import { NotificationsDeliveryFailedV2 } from './notifications.delivery.failed.v2/message';
import { NotificationsDeliveryDeliveredV2 } from './notifications.delivery.delivered.v2/message';
import { NotificationsDeliveryReadV2 } from './notifications.delivery.read.v2/message';
import { NotificationsListDeliveriesV2 } from './notifications.list-deliveries.v2/message';
import { NotificationsListDeliveriesResultV2 } from './notifications.list-deliveries.result.v2/message';
import { NotificationsListTemplatesV2 } from './notifications.list-templates.v2/message';
import { NotificationsListTemplatesResultV2 } from './notifications.list-templates.result.v2/message';
import { NotificationsSaveTemplateV2 } from './notifications.save-template.v2/message';
import { NotificationsSaveTemplateResultV2 } from './notifications.save-template.result.v2/message';
import { NotificationsExportMemberDataV2 } from './notifications.export-member-data.v2/message';
import { NotificationsExportMemberDataResultV2 } from './notifications.export-member-data.result.v2/message';
import { IotBridgeRegisterDeviceV2 } from './iot-bridge.register-device.v2/message';
import { IotBridgeRegisterDeviceResultV2 } from './iot-bridge.register-device.result.v2/message';
import { IotBridgeListDevicesV2 } from './iot-bridge.list-devices.v2/message';
import { IotBridgeListDevicesResultV2 } from './iot-bridge.list-devices.result.v2/message';
import { IotDeviceStatusChangedV2 } from './iot.device.status-changed.v2/message';
import { IotBridgeSetCameraStreamV1 } from './iot-bridge.set-camera-stream.v1/message';
import { IotBridgeSetCameraStreamResultV1 } from './iot-bridge.set-camera-stream.result.v1/message';
import { VideoStreamCreatedV1 } from './video.stream.created.v1/message';
import { VideoStreamCompletedV1 } from './video.stream.completed.v1/message';
import { VideoClipHighlightV1 } from './video.clip-highlight.v1/message';
import { VideoHighlightReadyV1 } from './video.highlight.ready.v1/message';
import { VideoHighlightFailedV1 } from './video.highlight.failed.v1/message';
import { VideoHighlightRefusedV1 } from './video.highlight.refused.v1/message';
import { VideoGetHighlightV1 } from './video.get-highlight.v1/message';
import { VideoGetHighlightResultV1 } from './video.get-highlight.result.v1/message';
import { VideoListHighlightsV1 } from './video.list-highlights.v1/message';
import { VideoListHighlightsResultV1 } from './video.list-highlights.result.v1/message';
import { VideoEraseMemberDataV1 } from './video.erase-member-data.v1/message';
import { VideoEraseMemberDataResultV1 } from './video.erase-member-data.result.v1/message';
import { VideoGetClipRetentionV1 } from './video.get-clip-retention.v1/message';
import { VideoSetClipRetentionV1 } from './video.set-clip-retention.v1/message';
import { VideoSetClipRetentionResultV1 } from './video.set-clip-retention.result.v1/message';

export {
  PaymentsConsumptionSettledV1,
  PaymentsGetWalletV1,
  PaymentsGetWalletResultV1,
  AccessGatewayOpenCourtV1,
  AccessGatewayOpenCourtResultV1,
  AccessCheckinRequestedV1,
  AccessCheckinCompletedV1,
  AccessCheckinRejectedV1,
  AccessCheckinFailedV1,
  AccessCheckinNeedsAttentionV1,
  AccessSessionStartedV1,
  AccessSessionEndedV1,
  AccessBookingCreatedV1,
  AccessBookingRescheduledV1,
  AccessBookingCancelledV1,
  PaymentsCreditReservedV1,
  PaymentsCreditCommittedV1,
  PaymentsCreditReleasedV1,
  PaymentsWalletToppedUpV1,
  PaymentsPaymentSucceededV1,
  PaymentsPaymentFailedV1,
  IotRfidScannedV1,
  IotButtonPressedV1,
  PaymentsReserveCreditV1,
  PaymentsReserveCreditResultV1,
  PaymentsCommitCreditV1,
  PaymentsCommitCreditResultV1,
  PaymentsReleaseCreditV1,
  PaymentsReleaseCreditResultV1,
  PaymentsChargeTopUpV1,
  PaymentsChargeTopUpResultV1,
  IotBridgeRegisterDeviceV1,
  IotBridgeRegisterDeviceResultV1,
  IotBridgeListDevicesV1,
  IotBridgeListDevicesResultV1,
  IotCourtCheckinRequestedV1,
  IotCourtCheckoutRequestedV1,
  IotDeviceStatusChangedV1,
  AccessRfidScanRefusedV1,
  AccessRfidScanRefusedV2,
  AccessPanelRequestRefusedV1,
  PaymentsCreateTopUpV1,
  PaymentsCreateTopUpResultV1,
  PaymentsGetPaymentV1,
  PaymentsGetPaymentResultV1,
  PaymentsSavePaymentMethodV1,
  PaymentsSavePaymentMethodResultV1,
  PaymentsPaymentRefundedV1,
  NotificationsSendDeliveryV1,
  NotificationsDeliverySentV1,
  NotificationsDeliveryFellBackV1,
  NotificationsDeliveryFailedV1,
  NotificationsGetPreferencesV1,
  NotificationsGetPreferencesResultV1,
  NotificationsSetPreferencesV1,
  NotificationsSetPreferencesResultV1,
  NotificationsProcessWebhookV1,
  NotificationsDeliveryDeliveredV1,
  NotificationsDeliveryReadV1,
  NotificationsInboundMessageReceivedV1,
  NotificationsListDeliveriesV1,
  NotificationsListDeliveriesResultV1,
  NotificationsSaveTemplateV1,
  NotificationsSaveTemplateResultV1,
  NotificationsListTemplatesV1,
  NotificationsListTemplatesResultV1,
  NotificationsExportMemberDataV1,
  NotificationsExportMemberDataResultV1,
  NotificationsEraseMemberDataV1,
  NotificationsEraseMemberDataResultV1,
  NotificationsStartAnnouncementV1,
  NotificationsGetAnnouncementV1,
  NotificationsAnnouncementResultV1,
  NotificationsPlanAnnouncementV1,
  NotificationsSaveProviderAccountV1,
  NotificationsSaveProviderAccountResultV1,
  NotificationsListProviderAccountsV1,
  NotificationsListProviderAccountsResultV1,
  NotificationsDeleteProviderAccountV1,
  NotificationsDeleteProviderAccountResultV1,
  CalendarSyncStartConnectionV1,
  CalendarSyncStartConnectionResultV1,
  CalendarSyncCompleteConnectionV1,
  CalendarSyncCompleteConnectionResultV1,
  CalendarSyncListConnectionsV1,
  CalendarSyncListConnectionsResultV1,
  CalendarSyncDisconnectV1,
  CalendarSyncDisconnectResultV1,
  CalendarSyncResyncConnectionV1,
  CalendarSyncResyncConnectionResultV1,
  CalendarSyncListUpcomingEventsV1,
  CalendarSyncListUpcomingEventsResultV1,
  CalendarConnectionConnectedV1,
  CalendarConnectionBrokenV1,
  CalendarConnectionDisconnectedV1,
  CalendarLinkRestoredV1,
  NotificationsDeliverySentV2,
  NotificationsDeliveryFellBackV2,
  NotificationsDeliveryFailedV2,
  NotificationsDeliveryDeliveredV2,
  NotificationsDeliveryReadV2,
  NotificationsListDeliveriesV2,
  NotificationsListDeliveriesResultV2,
  NotificationsListTemplatesV2,
  NotificationsListTemplatesResultV2,
  NotificationsSaveTemplateV2,
  NotificationsSaveTemplateResultV2,
  NotificationsExportMemberDataV2,
  NotificationsExportMemberDataResultV2,
  IotBridgeRegisterDeviceV2,
  IotBridgeRegisterDeviceResultV2,
  IotBridgeListDevicesV2,
  IotBridgeListDevicesResultV2,
  IotDeviceStatusChangedV2,
  IotBridgeSetCameraStreamV1,
  IotBridgeSetCameraStreamResultV1,
  VideoStreamCreatedV1,
  VideoStreamCompletedV1,
  VideoClipHighlightV1,
  VideoHighlightReadyV1,
  VideoHighlightFailedV1,
  VideoHighlightRefusedV1,
  VideoGetHighlightV1,
  VideoGetHighlightResultV1,
  VideoListHighlightsV1,
  VideoListHighlightsResultV1,
  VideoEraseMemberDataV1,
  VideoEraseMemberDataResultV1,
  VideoSetClipRetentionV1,
  VideoSetClipRetentionResultV1,
  VideoGetClipRetentionV1,
};

/** Every message the platform publishes; the registry, AsyncAPI document and schema lock derive from it. */
export const MESSAGES = [
  PaymentsConsumptionSettledV1,
  PaymentsGetWalletV1,
  PaymentsGetWalletResultV1,
  AccessGatewayOpenCourtV1,
  AccessGatewayOpenCourtResultV1,
  AccessCheckinRequestedV1,
  AccessCheckinCompletedV1,
  AccessCheckinRejectedV1,
  AccessCheckinFailedV1,
  AccessCheckinNeedsAttentionV1,
  AccessSessionStartedV1,
  AccessSessionEndedV1,
  AccessBookingCreatedV1,
  AccessBookingRescheduledV1,
  AccessBookingCancelledV1,
  PaymentsCreditReservedV1,
  PaymentsCreditCommittedV1,
  PaymentsCreditReleasedV1,
  PaymentsWalletToppedUpV1,
  PaymentsPaymentSucceededV1,
  PaymentsPaymentFailedV1,
  IotRfidScannedV1,
  IotButtonPressedV1,
  PaymentsReserveCreditV1,
  PaymentsReserveCreditResultV1,
  PaymentsCommitCreditV1,
  PaymentsCommitCreditResultV1,
  PaymentsReleaseCreditV1,
  PaymentsReleaseCreditResultV1,
  PaymentsChargeTopUpV1,
  PaymentsChargeTopUpResultV1,
  IotBridgeRegisterDeviceV1,
  IotBridgeRegisterDeviceResultV1,
  IotBridgeListDevicesV1,
  IotBridgeListDevicesResultV1,
  IotCourtCheckinRequestedV1,
  IotCourtCheckoutRequestedV1,
  IotDeviceStatusChangedV1,
  AccessRfidScanRefusedV1,
  AccessRfidScanRefusedV2,
  AccessPanelRequestRefusedV1,
  PaymentsCreateTopUpV1,
  PaymentsCreateTopUpResultV1,
  PaymentsGetPaymentV1,
  PaymentsGetPaymentResultV1,
  PaymentsSavePaymentMethodV1,
  PaymentsSavePaymentMethodResultV1,
  PaymentsPaymentRefundedV1,
  NotificationsSendDeliveryV1,
  NotificationsDeliverySentV1,
  NotificationsDeliveryFellBackV1,
  NotificationsDeliveryFailedV1,
  NotificationsGetPreferencesV1,
  NotificationsGetPreferencesResultV1,
  NotificationsSetPreferencesV1,
  NotificationsSetPreferencesResultV1,
  NotificationsProcessWebhookV1,
  NotificationsDeliveryDeliveredV1,
  NotificationsDeliveryReadV1,
  NotificationsInboundMessageReceivedV1,
  NotificationsListDeliveriesV1,
  NotificationsListDeliveriesResultV1,
  NotificationsSaveTemplateV1,
  NotificationsSaveTemplateResultV1,
  NotificationsListTemplatesV1,
  NotificationsListTemplatesResultV1,
  NotificationsExportMemberDataV1,
  NotificationsExportMemberDataResultV1,
  NotificationsEraseMemberDataV1,
  NotificationsEraseMemberDataResultV1,
  NotificationsStartAnnouncementV1,
  NotificationsGetAnnouncementV1,
  NotificationsAnnouncementResultV1,
  NotificationsPlanAnnouncementV1,
  NotificationsSaveProviderAccountV1,
  NotificationsSaveProviderAccountResultV1,
  NotificationsListProviderAccountsV1,
  NotificationsListProviderAccountsResultV1,
  NotificationsDeleteProviderAccountV1,
  NotificationsDeleteProviderAccountResultV1,
  CalendarSyncStartConnectionV1,
  CalendarSyncStartConnectionResultV1,
  CalendarSyncCompleteConnectionV1,
  CalendarSyncCompleteConnectionResultV1,
  CalendarSyncListConnectionsV1,
  CalendarSyncListConnectionsResultV1,
  CalendarSyncDisconnectV1,
  CalendarSyncDisconnectResultV1,
  CalendarSyncResyncConnectionV1,
  CalendarSyncResyncConnectionResultV1,
  CalendarSyncListUpcomingEventsV1,
  CalendarSyncListUpcomingEventsResultV1,
  CalendarConnectionConnectedV1,
  CalendarConnectionBrokenV1,
  CalendarConnectionDisconnectedV1,
  CalendarLinkRestoredV1,
  NotificationsDeliverySentV2,
  NotificationsDeliveryFellBackV2,
  NotificationsDeliveryFailedV2,
  NotificationsDeliveryDeliveredV2,
  NotificationsDeliveryReadV2,
  NotificationsListDeliveriesV2,
  NotificationsListDeliveriesResultV2,
  NotificationsListTemplatesV2,
  NotificationsListTemplatesResultV2,
  NotificationsSaveTemplateV2,
  NotificationsSaveTemplateResultV2,
  NotificationsExportMemberDataV2,
  NotificationsExportMemberDataResultV2,
  IotBridgeRegisterDeviceV2,
  IotBridgeRegisterDeviceResultV2,
  IotBridgeListDevicesV2,
  IotBridgeListDevicesResultV2,
  IotDeviceStatusChangedV2,
  IotBridgeSetCameraStreamV1,
  IotBridgeSetCameraStreamResultV1,
  VideoStreamCreatedV1,
  VideoStreamCompletedV1,
  VideoClipHighlightV1,
  VideoHighlightReadyV1,
  VideoHighlightFailedV1,
  VideoHighlightRefusedV1,
  VideoGetHighlightV1,
  VideoGetHighlightResultV1,
  VideoListHighlightsV1,
  VideoListHighlightsResultV1,
  VideoEraseMemberDataV1,
  VideoEraseMemberDataResultV1,
  VideoSetClipRetentionV1,
  VideoSetClipRetentionResultV1,
  VideoGetClipRetentionV1,
] as const;
